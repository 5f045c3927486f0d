//! Plain-language cause and fix for the HTTP answers that stop people on their first call.
//!
//! The facts come from how CIPP is deployed (App Service authentication in front of an Azure
//! Functions app, then CIPP's own role check); each rule matches a status plus a recognisable
//! body or header, never a status alone (CIPP also returns 403 for ordinary Graph errors).

use crate::settings::{Binding, Knob};

/// Advice for an answer, or `None` when there is nothing useful to add. `binding` picks the
/// names of settings and commands the advice mentions.
pub fn for_response(
    binding: Binding,
    status: u16,
    location: Option<&str>,
    body: &str,
    endpoint: &str,
) -> Option<String> {
    let body = body.trim();
    let api_url = binding.name(Knob::ApiUrl);
    let advice = match status {
        301 | 302 | 307 | 308 => {
            let to_login = location.is_some_and(|l| l.contains("/.auth/login"));
            if to_login {
                format!(
                    "The server redirected to its sign-in page (/.auth/login/aad): this is the CIPP \
                     web portal or a custom domain, not the API. Give {api_url} the Function App \
                     URL shown as 'API URL' in CIPP > Integrations > CIPP-API \
                     (https://<name>.azurewebsites.net)."
                )
            } else {
                format!(
                    "The server redirected the call{}. Use the API URL from CIPP > Integrations > \
                     CIPP-API as {api_url}; redirects are not followed because they would drop the token.",
                    location.map(|l| format!(" to {l}")).unwrap_or_default()
                )
            }
        }
        401 => "The API rejected the access token (App Service authentication). Check that the API \
                client is enabled and 'Save to Azure' was run in CIPP > Integrations > CIPP-API, that \
                the app registration issues v1 tokens (accessTokenAcceptedVersion unset or 1, scope \
                api://<client id>/.default), and that the tenant id is the partner tenant."
            .to_owned(),
        403 if body.starts_with("You do not have permission to view this directory or page") => {
            "App Service authentication refused this API client before CIPP saw the call: the \
             client is not among the allowed applications. Enable it and press 'Save to Azure' in \
             CIPP > Integrations > CIPP-API (self-hosted: the Function App's identity needs \
             Contributor on the Function App for that to work)."
                .to_owned()
        }
        403 if body.starts_with("Access to this CIPP API endpoint is not allowed, the user does not have") => {
            "The API client has no role (CIPP 10.5 and later refuse role-less clients). Give it a \
             role in CIPP > Integrations > CIPP-API and save."
                .to_owned()
        }
        403 if body.contains("base role does not have the required permission")
            || body.contains("you do not have the required permission") =>
        {
            let needed = body.rsplit(": ").next().unwrap_or("");
            format!(
                "The API client's role lacks the permission {endpoint} needs{}. Choose a role that \
                 includes it in CIPP > Integrations > CIPP-API (readonly roles only have *.Read).",
                if needed.is_empty() { String::new() } else { format!(" ({needed})") }
            )
        }
        403 if body.contains("the API Client does not have the required permission") => {
            "CIPP refused this caller's IP address for the API client (the message wrongly says \
             'permission'). Add this machine's public IP or range to the client's allowed IP ranges \
             in CIPP > Integrations > CIPP-API, or set it to allow any."
                .to_owned()
        }
        403 if body.contains("has blocked this endpoint") => {
            format!("The API client's custom role blocks {endpoint}. Edit the role in CIPP > Settings > Roles.")
        }
        403 if body.starts_with("Access to this tenant is not allowed") => {
            "The API client's role may not act on this tenant. Allow the tenant in the role \
             (CIPP > Settings > Roles) or pick another tenant."
                .to_owned()
        }
        403 if body.contains("subscription has ended") => {
            "The hosted CIPP subscription has ended; renew it to use the API.".to_owned()
        }
        404 if body == "Endpoint not found" => format!(
            "CIPP has no endpoint named '{endpoint}'.{} Check the spelling ({} lists them) — \
             endpoints are renamed between CIPP versions.",
            crate::catalog::suggest(endpoint)
                .map(|known| format!(" Did you mean '{known}'?"))
                .unwrap_or_default(),
            binding.name(Knob::EndpointList)
        ),
        503 if body.starts_with("This feature has been disabled") => {
            "The endpoint belongs to a feature that is switched off on this CIPP instance.".to_owned()
        }
        _ => return None,
    };
    Some(advice)
}

#[cfg(test)]
mod tests {
    use super::{for_response as advice, Binding};

    fn for_response(
        status: u16,
        location: Option<&str>,
        body: &str,
        endpoint: &str,
    ) -> Option<String> {
        advice(Binding::PowerShell, status, location, body, endpoint)
    }

    #[test]
    fn known_failures_get_a_cause_and_fix() {
        let a = for_response(
            302,
            Some("https://x/.auth/login/aad?post_login_redirect_uri=/api/x"),
            "",
            "ListLogs",
        )
        .unwrap();
        assert!(a.contains("Function App URL"));
        assert!(for_response(
            401,
            None,
            "You do not have permission to view this directory or page.",
            "ListLogs"
        )
        .unwrap()
        .contains("v1 tokens"));
        let a = for_response(403, None, "Access to this CIPP API endpoint is not allowed, the 'readonly' base role does not have the required permission: Identity.User.ReadWrite", "ExecResetPass").unwrap();
        assert!(
            a.contains("(Identity.User.ReadWrite)") && a.contains("ExecResetPass"),
            "{a}"
        );
        assert!(for_response(403, None, "Access to this CIPP API endpoint is not allowed, the user does not have the required permission", "x").unwrap().contains("no role"));
        assert!(for_response(403, None, "Access to this CIPP API endpoint is not allowed, the API Client does not have the required permission", "x").unwrap().contains("IP"));
        let a = for_response(404, None, "Endpoint not found", "ListFooBarBaz").unwrap();
        assert!(
            a.contains("'ListFooBarBaz'") && !a.contains("Did you mean"),
            "{a}"
        );
        let a = for_response(404, None, "Endpoint not found", "ListUserz").unwrap();
        assert!(
            a.contains("no endpoint named 'ListUserz'. Did you mean 'ListUsers'?"),
            "{a}"
        );
    }

    #[test]
    fn advice_uses_the_callers_names() {
        let login = Some("https://x/.auth/login/aad");
        let ps = for_response(302, login, "", "ListLogs").unwrap();
        assert!(ps.contains("-CIPPAPIUrl"), "{ps}");
        let c = advice(Binding::C, 302, login, "", "ListLogs").unwrap();
        assert!(c.contains("api_url") && !c.contains("-CIPPAPIUrl"), "{c}");
        let c = advice(Binding::C, 404, None, "Endpoint not found", "ListFoo").unwrap();
        assert!(
            c.contains("cipp_catalog_list") && !c.contains("Get-CIPP"),
            "{c}"
        );
    }

    #[test]
    fn ordinary_answers_get_none() {
        assert_eq!(for_response(200, None, "[]", "ListLogs"), None);
        // CIPP returns Graph errors as 403 JSON arrays: not an authorisation problem.
        assert_eq!(
            for_response(403, None, "[\"Insufficient privileges\"]", "ListUsers"),
            None
        );
        assert_eq!(for_response(500, None, "boom", "x"), None);
    }
}
