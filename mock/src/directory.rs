//! Directory data behind the common tenant-scoped list endpoints (ListUsers, ListLicenses,
//! ListMailboxes, ListDevices, ListGroups, ListRoles, ListConditionalAccessPolicies,
//! ListMFAUsers, ListDomains) and the alert rules of ListAlertsQueue.
//!
//! Each tenant is generated from a small description (user count, main licence) and a seed taken
//! from its domain, so every tenant has its own rows and every answer is the same run after run.
//! Field names follow CIPP 10.8.2 and the Graph entities it passes through (`displayName`,
//! `userPrincipalName`, `accountEnabled`, `assignedLicenses`, …). Times are fixed past dates or
//! offsets back from the start of today, never later than now.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::util::{iso_utc, unix_now, Lcg};

/// The endpoints answered from this module.
pub const ENDPOINTS: &[&str] = &[
    "ListUsers",
    "ListLicenses",
    "ListMailboxes",
    "ListDevices",
    "ListGroups",
    "ListRoles",
    "ListConditionalAccessPolicies",
    "ListMFAUsers",
    "ListDomains",
];

/// Licence SKUs: (skuPartNumber, product name, skuId, includes a mailbox).
const SKUS: &[(&str, &str, &str, bool)] = &[
    (
        "SPB",
        "Microsoft 365 Business Premium",
        "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
        true,
    ),
    (
        "SPE_E3",
        "Microsoft 365 E3",
        "05e9a617-0261-4cee-bb44-138d3ef5d965",
        true,
    ),
    (
        "O365_BUSINESS_ESSENTIALS",
        "Microsoft 365 Business Basic",
        "3b555118-da6a-4418-894f-7df1e2096870",
        true,
    ),
    (
        "O365_BUSINESS_PREMIUM",
        "Microsoft 365 Business Standard",
        "f245ecc8-75af-4f8e-b61f-27d8114de5f3",
        true,
    ),
    (
        "EXCHANGESTANDARD",
        "Exchange Online (Plan 1)",
        "4b9405b0-7788-4568-add1-99614e613b69",
        true,
    ),
    (
        "FLOW_FREE",
        "Microsoft Power Automate Free",
        "f30db892-07e9-47e9-837c-80727f46fd3d",
        false,
    ),
];
const FLOW_FREE: usize = 5;

/// The five demo tenants' descriptions, in `DEMO_TENANTS` order: (users, main SKU index).
const DEMO_PROFILES: &[(u32, usize)] = &[(24, 0), (12, 1), (9, 2), (16, 3), (30, 1)];

/// Built-in Entra roles: (displayName, roleTemplateId, description).
const ROLES: &[(&str, &str, &str)] = &[
    (
        "Global Administrator",
        "62e90394-69f5-4237-9190-012177145e10",
        "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
    ),
    (
        "User Administrator",
        "fe930be7-5e62-47db-91af-98c3a49a38b1",
        "Can manage all aspects of users and groups, including resetting passwords for limited admins.",
    ),
    (
        "Exchange Administrator",
        "29232cdf-9323-42fd-ade2-1d097af3e4de",
        "Can manage all aspects of the Exchange product.",
    ),
    (
        "Helpdesk Administrator",
        "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        "Can reset passwords for non-administrators and Helpdesk Administrators.",
    ),
    (
        "Global Reader",
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
        "Can read everything that a Global Administrator can, but not update anything.",
    ),
    (
        "Security Reader",
        "5d6b6bb7-de71-4623-b4af-96380a352509",
        "Can read security information and reports in Microsoft Entra ID and Office 365.",
    ),
];

const FIRST: &[&str] = &[
    "Adele",
    "Alex",
    "Megan",
    "Lee",
    "Nestor",
    "Isaiah",
    "Lidia",
    "Joni",
    "Diego",
    "Patti",
    "Pradeep",
    "Grady",
    "Johanna",
    "Lynne",
    "Miriam",
    "Henrietta",
    "Irvin",
    "Allan",
    "Christie",
    "Enrico",
];
const LAST: &[&str] = &[
    "Vance",
    "Wilber",
    "Bowen",
    "Gu",
    "Wilke",
    "Langer",
    "Holloway",
    "Sherman",
    "Siciliani",
    "Fernandez",
    "Gupta",
    "Archie",
    "Lauer",
    "Robbins",
    "Graham",
    "Mueller",
    "Sink",
    "Deyoung",
    "Cline",
    "Rossi",
];
const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("Sales", &["Account Manager", "Sales Representative"]),
    ("Finance", &["Accountant", "Finance Manager"]),
    ("Operations", &["Operations Coordinator", "Logistics Lead"]),
    ("Marketing", &["Marketing Specialist", "Content Writer"]),
    ("IT", &["IT Support Engineer", "Systems Administrator"]),
];
const CITIES: &[(&str, &str, &str)] = &[
    ("Seattle", "United States", "US"),
    ("London", "United Kingdom", "GB"),
    ("Amsterdam", "Netherlands", "NL"),
    ("Toronto", "Canada", "CA"),
];

/// Conditional Access policies every tenant has: (displayName, builtInControls, includeUsers,
/// clientAppTypes). Their states vary per tenant.
const POLICIES: &[(&str, &str, &str, &str)] = &[
    (
        "Require MFA for administrators",
        "mfa",
        "Directory roles",
        "all",
    ),
    ("Require MFA for all users", "mfa", "All", "all"),
    (
        "Block legacy authentication",
        "block",
        "All",
        "exchangeActiveSync,other",
    ),
    (
        "Require compliant devices",
        "compliantDevice",
        "All",
        "browser,mobileAppsAndDesktopClients",
    ),
];

/// 2021-01-01T00:00:00Z: directory objects are created after this.
const EPOCH_2021: i64 = 1_609_459_200;

struct User {
    id: String,
    given: String,
    surname: String,
    upn: String,
    mail: String,
    enabled: bool,
    guest: bool,
    skus: Vec<usize>,
    department: &'static str,
    title: &'static str,
    city: (&'static str, &'static str, &'static str),
    role: Option<usize>,
    mfa_methods: Vec<&'static str>,
    created: i64,
}

impl User {
    fn display(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
    fn licensed(&self) -> bool {
        !self.skus.is_empty()
    }
    fn has_mailbox(&self) -> bool {
        self.skus.iter().any(|s| SKUS[*s].3)
    }
}

/// One tenant's generated directory.
struct Tenant {
    domain: String,
    vanity: String,
    name: String,
    seed: u64,
    users: Vec<User>,
    /// (SKU index, purchased units).
    subscriptions: Vec<(usize, u32)>,
    /// State per entry of [`POLICIES`].
    policy_states: [&'static str; 4],
}

fn fnv(s: &str) -> u64 {
    s.to_ascii_lowercase()
        .bytes()
        .fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
        })
}

fn guid(seed: u64, kind: u64, i: u64) -> String {
    Lcg::new(seed ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i).guid()
}

/// Midnight UTC today: generated "recent" times count back from it, so none is in the future.
fn today_start() -> i64 {
    unix_now().div_euclid(86_400) * 86_400
}

fn build(domain: &str, name: &str, profile: Option<(u32, usize)>) -> Tenant {
    let seed = fnv(domain);
    let mut rng = Lcg::new(seed);
    let (count, main_sku) = profile.unwrap_or((6 + (seed % 20) as u32, (seed % 5) as usize));
    let label = domain.split('.').next().unwrap_or(domain).to_string();
    let vanity = format!("{label}.com");
    let mut seen = HashSet::new();
    let mut users = Vec::new();
    for j in 0..count {
        let mut r = Lcg::new(seed ^ (u64::from(j) << 20));
        let (given, surname, upn, mail, guest) = if j == 0 {
            let upn = format!("admin@{domain}");
            (
                "Tenant".to_string(),
                "Admin".to_string(),
                upn.clone(),
                upn,
                false,
            )
        } else {
            let given = FIRST[r.below(FIRST.len() as u32) as usize].to_string();
            let surname = LAST[r.below(LAST.len() as u32) as usize].to_string();
            let mut local = format!("{}.{}", given, surname).to_ascii_lowercase();
            if !seen.insert(local.clone()) {
                local = format!("{local}{j}");
                seen.insert(local.clone());
            }
            // The last user of a larger tenant is a guest from a partner company.
            if j == count - 1 && count > 10 {
                let ext = format!("{local}_partner.example");
                let upn = format!("{ext}#EXT#@{domain}");
                (
                    given,
                    surname,
                    upn,
                    format!("{local}@partner.example"),
                    true,
                )
            } else {
                let upn = format!("{local}@{vanity}");
                (given, surname, upn.clone(), upn, false)
            }
        };
        let enabled = j < 2 || r.below(100) >= 12;
        let mut skus = Vec::new();
        if j > 0 && !guest && r.below(100) < if enabled { 88 } else { 40 } {
            skus.push(main_sku);
        }
        if j > 0 && !guest && r.below(100) < 20 {
            skus.push(FLOW_FREE);
        }
        let role = match j {
            0 => Some(0),
            1 => Some(1),
            2 if count > 10 => Some(2),
            3 if count > 10 => Some(3),
            _ => None,
        };
        let registered = role.is_some() || (enabled && !guest && r.below(100) < 72);
        let mfa_methods = if !registered {
            Vec::new()
        } else if r.below(100) < 70 {
            vec!["microsoftAuthenticatorPush", "softwareOneTimePasscode"]
        } else {
            vec!["mobilePhone"]
        };
        let (department, titles) = DEPARTMENTS[r.below(DEPARTMENTS.len() as u32) as usize];
        let title = titles[r.below(titles.len() as u32) as usize];
        let city = CITIES[((seed >> 8) % CITIES.len() as u64) as usize];
        users.push(User {
            id: guid(seed, 1, u64::from(j)),
            given,
            surname,
            upn,
            mail,
            enabled,
            guest,
            skus,
            department,
            title: if j == 0 { "Administrator" } else { title },
            city,
            role,
            mfa_methods,
            created: EPOCH_2021 + i64::from(r.below(4 * 365 * 86_400)),
        });
    }
    let used = |s: usize| users.iter().filter(|u| u.skus.contains(&s)).count() as u32;
    let mut subscriptions = vec![(main_sku, used(main_sku) + rng.below(4))];
    if used(FLOW_FREE) > 0 {
        subscriptions.push((FLOW_FREE, 10_000));
    }
    // A third of the tenants only report on the all-users MFA policy.
    let all_users = match seed % 3 {
        0 => "enabledForReportingButNotEnforced",
        _ => "enabled",
    };
    Tenant {
        domain: domain.to_string(),
        vanity,
        name: name.to_string(),
        seed,
        users,
        subscriptions,
        policy_states: ["enabled", all_users, "enabled", "disabled"],
    }
}

fn tenant_for(domain: &str, name: &str) -> Tenant {
    let profile = crate::logs::DEMO_TENANTS
        .iter()
        .position(|(d, _, _)| d.eq_ignore_ascii_case(domain))
        .map(|i| DEMO_PROFILES[i]);
    build(domain, name, profile)
}

fn users(t: &Tenant) -> Vec<Value> {
    t.users
        .iter()
        .map(|u| {
            let skus: Vec<Value> = u
                .skus
                .iter()
                .map(|s| json!({"disabledPlans": [], "skuId": SKUS[*s].2}))
                .collect();
            let names: Vec<&str> = u.skus.iter().map(|s| SKUS[*s].1).collect();
            let mut proxies = vec![format!("SMTP:{}", u.mail)];
            if !u.guest && u.upn.ends_with(&t.vanity) {
                let local = u.upn.split('@').next().unwrap_or_default();
                proxies.push(format!("smtp:{local}@{}", t.domain));
            }
            json!({
                "id": u.id,
                "accountEnabled": u.enabled,
                "businessPhones": [],
                "city": u.city.0,
                "companyName": if u.guest { Value::Null } else { t.name.clone().into() },
                "country": u.city.1,
                "createdDateTime": iso_utc(u.created),
                "department": u.department,
                "displayName": u.display(),
                "givenName": u.given,
                "jobTitle": u.title,
                "mail": u.mail,
                "mailNickname": u.upn.split('@').next().unwrap_or_default().replace('#', "_"),
                "mobilePhone": Value::Null,
                "onPremisesSyncEnabled": Value::Null,
                "otherMails": [],
                "proxyAddresses": proxies,
                "surname": u.surname,
                "usageLocation": u.city.2,
                "userPrincipalName": u.upn,
                "userType": if u.guest { "Guest" } else { "Member" },
                "assignedLicenses": skus,
                "LicJoined": names.join(", "),
                "Aliases": proxies.iter().skip(1).map(|p| p.trim_start_matches("smtp:")).collect::<Vec<_>>().join(", "),
                "primDomain": u.upn.rsplit('@').next().unwrap_or_default(),
                "username": u.upn.split('@').next().unwrap_or_default(),
            })
        })
        .collect()
}

fn licenses(t: &Tenant) -> Vec<Value> {
    t.subscriptions
        .iter()
        .map(|(s, total)| {
            let (part, product, sku_id, _) = SKUS[*s];
            let used = t.users.iter().filter(|u| u.skus.contains(s)).count() as u32;
            json!({
                "Tenant": t.domain,
                "License": product,
                "CountUsed": used.to_string(),
                "CountAvailable": (total - used).to_string(),
                "TotalLicenses": total.to_string(),
                "skuId": sku_id,
                "skuPartNumber": part,
                "availableUnits": total - used,
            })
        })
        .collect()
}

fn mailbox(t: &Tenant, id: &str, upn: &str, display: &str, details: &str, archive: bool) -> Value {
    let local = upn.split('@').next().unwrap_or_default();
    json!({
        "UPN": upn,
        "displayName": display,
        "primarySmtpAddress": upn,
        "recipientType": "UserMailbox",
        "recipientTypeDetails": details,
        "AdditionalEmailAddresses": format!("{local}@{}", t.domain),
        "Id": id,
        "ExternalDirectoryObjectId": id,
        "ExchangeGuid": guid(t.seed, 7, fnv(upn)),
        "ArchiveGuid": "00000000-0000-0000-0000-000000000000",
        "ArchiveEnabled": archive,
        "AutoExpandingArchive": false,
        "ForwardingSmtpAddress": Value::Null,
        "InternalForwardingAddress": Value::Null,
        "DeliverToMailboxAndForward": false,
        "HiddenFromAddressListsEnabled": false,
        "IsDirSynced": false,
        "LitigationHoldEnabled": false,
        "RetentionHoldEnabled": false,
        "RetentionPolicy": "Default MRM Policy",
        "MessageCopyForSendOnBehalfEnabled": false,
        "MessageCopyForSentAsEnabled": false,
        "WhenSoftDeleted": Value::Null,
    })
}

fn mailboxes(t: &Tenant) -> Vec<Value> {
    let mut out: Vec<Value> = t
        .users
        .iter()
        .filter(|u| u.has_mailbox())
        .map(|u| {
            mailbox(
                t,
                &u.id,
                &u.upn,
                &u.display(),
                "UserMailbox",
                u.skus.contains(&1),
            )
        })
        .collect();
    for (i, (local, display)) in [("info", "Info"), ("support", "Support")]
        .iter()
        .enumerate()
    {
        let upn = format!("{local}@{}", t.vanity);
        let id = guid(t.seed, 8, i as u64);
        out.push(mailbox(t, &id, &upn, display, "SharedMailbox", false));
    }
    out
}

fn devices(t: &Tenant) -> Vec<Value> {
    let prefix: String = t
        .domain
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    let today = today_start();
    let mut out = Vec::new();
    let mut n = 0u64;
    for u in t
        .users
        .iter()
        .filter(|u| u.enabled && !u.guest && u.role != Some(0))
    {
        let mut r = Lcg::new(t.seed ^ fnv(&u.upn));
        let phone = r.below(100) < 50;
        let kinds: &[usize] = if phone { &[0, 1] } else { &[0] };
        for &k in kinds {
            n += 1;
            let (name, os, version, maker, model) = match (k, r.below(4)) {
                (0, 0) => (
                    format!("{prefix}-MB-{n:03}"),
                    "macOS",
                    "15.3.1",
                    "Apple",
                    "MacBook Air (M3)",
                ),
                (0, _) => (
                    format!("{prefix}-LT-{n:03}"),
                    "Windows",
                    "10.0.26100.3194",
                    "Dell Inc.",
                    "Latitude 7450",
                ),
                (_, 0) => (
                    format!("{}'s Android", u.given),
                    "Android",
                    "15",
                    "samsung",
                    "Galaxy S24",
                ),
                _ => (
                    format!("{}'s iPhone", u.given),
                    "iOS",
                    "18.3",
                    "Apple",
                    "iPhone 15",
                ),
            };
            let compliant = r.below(100) < 85;
            let synced = today - i64::from(r.below(7 * 86_400));
            let enrolled = (u.created + 86_400).min(synced);
            out.push(json!({
                "id": guid(t.seed, 3, n),
                "deviceName": name,
                "managedDeviceName": name,
                "userId": u.id,
                "userPrincipalName": u.upn,
                "userDisplayName": u.display(),
                "emailAddress": u.mail,
                "operatingSystem": os,
                "osVersion": version,
                "manufacturer": maker,
                "model": model,
                "serialNumber": format!("{:08X}", r.next_u32()),
                "complianceState": if compliant { "compliant" } else { "noncompliant" },
                "managedDeviceOwnerType": if k == 0 { "company" } else { "personal" },
                "managementAgent": "mdm",
                "deviceEnrollmentType": if k == 0 { "windowsAzureADJoin" } else { "userEnrollment" },
                "joinType": if k == 0 { "azureADJoined" } else { "" },
                "isEncrypted": compliant || k == 1,
                "jailBroken": "False",
                "enrolledDateTime": iso_utc(enrolled),
                "lastSyncDateTime": iso_utc(synced),
                "azureADDeviceId": guid(t.seed, 4, n),
                "azureADRegistered": true,
            }));
        }
    }
    out
}

/// (displayName, nickname, unified, mailEnabled, securityEnabled, dynamic rule).
type GroupDef = (
    &'static str,
    &'static str,
    bool,
    bool,
    bool,
    Option<&'static str>,
);

fn groups(t: &Tenant) -> Vec<Value> {
    let defs: &[GroupDef] = &[
        ("All Company", "allcompany", true, true, false, None),
        ("Sales Team", "sales", true, true, false, None),
        ("Finance", "finance", false, false, true, None),
        ("IT Admins", "itadmins", false, false, true, None),
        (
            "Licensed Users",
            "licensedusers",
            false,
            false,
            true,
            Some("(user.assignedPlans -any (assignedPlan.capabilityStatus -eq \"Enabled\"))"),
        ),
        ("Info Distribution", "info-dl", false, true, false, None),
    ];
    defs.iter()
        .enumerate()
        .map(|(i, (name, nick, unified, mail_enabled, security, rule))| {
            let mut types: Vec<&str> = Vec::new();
            if *unified {
                types.push("Unified");
            }
            if rule.is_some() {
                types.push("DynamicMembership");
            }
            let calculated = if *unified {
                "Microsoft 365"
            } else if *mail_enabled && *security {
                "Mail-Enabled Security"
            } else if *security {
                "Security"
            } else {
                "Distribution List"
            };
            let mail = mail_enabled.then(|| format!("{nick}@{}", t.vanity));
            json!({
                "id": guid(t.seed, 5, i as u64),
                "displayName": name,
                "description": format!("{name} ({})", t.name),
                "mail": mail,
                "mailEnabled": mail_enabled,
                "mailNickname": nick,
                "securityEnabled": security,
                "groupTypes": types,
                "membershipRule": rule,
                "visibility": if *unified { Value::from("Public") } else { Value::Null },
                "createdDateTime": iso_utc(EPOCH_2021 + (t.seed % 300) as i64 * 86_400 + i as i64 * 3_600),
                "onPremisesSyncEnabled": Value::Null,
                "resourceProvisioningOptions": if *unified { vec!["Team"] } else { Vec::new() },
                "calculatedGroupType": calculated,
                "teamsEnabled": unified,
                "dynamicGroupBool": rule.is_some(),
                "primDomain": mail.as_deref().and_then(|m| m.split('@').nth(1)),
            })
        })
        .collect()
}

fn roles(t: &Tenant) -> Vec<Value> {
    ROLES
        .iter()
        .enumerate()
        .map(|(i, (name, template, description))| {
            let members: Vec<Value> = t
                .users
                .iter()
                .filter(|u| u.role == Some(i))
                .map(
                    |u| json!({"displayName": u.display(), "userPrincipalName": u.upn, "id": u.id}),
                )
                .collect();
            json!({
                "Id": template,
                "DisplayName": name,
                "Description": description,
                "isBuiltIn": true,
                "isEnabled": true,
                "roleTemplateId": template,
                "MemberCount": members.len(),
                "Members": members,
            })
        })
        .collect()
}

fn policies(t: &Tenant) -> Vec<Value> {
    let admin = t.users.iter().find(|u| u.role == Some(0));
    POLICIES
        .iter()
        .enumerate()
        .map(|(i, (name, control, include, apps))| {
            json!({
                "id": guid(t.seed, 6, i as u64),
                "displayName": name,
                "state": t.policy_states[i],
                "createdDateTime": iso_utc(EPOCH_2021 + (t.seed % 200) as i64 * 86_400),
                "modifiedDateTime": iso_utc(EPOCH_2021 + (t.seed % 200 + 400) as i64 * 86_400),
                "clientAppTypes": apps,
                "includePlatforms": "",
                "excludePlatforms": "",
                "includeLocations": "",
                "excludeLocations": "",
                "includeApplications": "All",
                "excludeApplications": "",
                "includeUsers": include,
                "excludeUsers": if i == 1 { admin.map_or(String::new(), |a| a.display()) } else { String::new() },
                "includeGroups": "",
                "excludeGroups": "",
                "grantControlsOperator": "OR",
                "builtInControls": control,
                "Tenant": t.domain,
            })
        })
        .collect()
}

fn mfa_users(t: &Tenant) -> Vec<Value> {
    t.users
        .iter()
        .map(|u| {
            // Policies that enforce MFA on this user: the admin policy for role holders, the
            // all-users policy for everyone (report-only does not enforce).
            let mut enforcing: Vec<&str> = Vec::new();
            if u.role.is_some() && t.policy_states[0] == "enabled" {
                enforcing.push(POLICIES[0].0);
            }
            if t.policy_states[1] == "enabled" {
                enforcing.push(POLICIES[1].0);
            }
            let covered = if enforcing.is_empty() {
                "Not Enforced".to_string()
            } else {
                format!("Enforced - {}", enforcing.join(", "))
            };
            json!({
                "ID": u.id,
                "UPN": u.upn,
                "DisplayName": u.display(),
                "AccountEnabled": u.enabled,
                "UserType": if u.guest { "Guest" } else { "Member" },
                "PerUser": "disabled",
                "isLicensed": u.licensed(),
                "MFARegistration": !u.mfa_methods.is_empty(),
                "MFACapable": !u.mfa_methods.is_empty(),
                "MFAMethods": u.mfa_methods,
                "CoveredByCA": covered,
                "CAPolicies": enforcing,
                "CoveredBySD": false,
                "IsAdmin": u.role.is_some(),
                "Tenant": t.domain,
            })
        })
        .collect()
}

fn domains(t: &Tenant) -> Vec<Value> {
    let row = |id: &str, default: bool, initial: bool| {
        json!({
            "id": id,
            "authenticationType": "Managed",
            "isDefault": default,
            "isInitial": initial,
            "isVerified": true,
            "supportedServices": ["Email", "OfficeCommunicationsOnline"],
        })
    };
    vec![row(&t.vanity, true, false), row(&t.domain, false, true)]
}

fn rows(name: &str, t: &Tenant) -> Vec<Value> {
    match name {
        "ListUsers" => users(t),
        "ListLicenses" => licenses(t),
        "ListMailboxes" => mailboxes(t),
        "ListDevices" => devices(t),
        "ListGroups" => groups(t),
        "ListRoles" => roles(t),
        "ListConditionalAccessPolicies" => policies(t),
        "ListMFAUsers" => mfa_users(t),
        "ListDomains" => domains(t),
        _ => Vec::new(),
    }
}

/// The answer of `name` (one of [`ENDPOINTS`]) for `tenant_filter` over the configured tenant
/// set `(defaultDomainName, customerId, displayName)`. `AllTenants` concatenates every tenant
/// (each row carrying `Tenant`), except ListMFAUsers, which answers CIPP's queue sentinel row.
/// An unknown or missing tenant gets an empty list: CIPP's Graph helper refuses tenants outside
/// its list with a non-terminating error, so the handler returns no rows (unverified).
pub fn list(
    name: &str,
    tenant_filter: Option<&str>,
    user_id: Option<&str>,
    tenants: &[(String, String, String)],
) -> Value {
    let selected: Vec<&(String, String, String)> = match tenant_filter {
        Some(f) if f.eq_ignore_ascii_case("AllTenants") => {
            if name == "ListMFAUsers" {
                return json!([{"UPN": "Loading data for all tenants. Please check back in a few minutes"}]);
            }
            tenants.iter().collect()
        }
        Some(f) => tenants
            .iter()
            .filter(|(d, c, _)| d.eq_ignore_ascii_case(f) || c.eq_ignore_ascii_case(f))
            .collect(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for (domain, _, display) in selected {
        let t = tenant_for(domain, display);
        for mut row in rows(name, &t) {
            if let Value::Object(o) = &mut row {
                o.entry("Tenant").or_insert_with(|| domain.clone().into());
            }
            out.push(row);
        }
    }
    if let (Some(id), "ListUsers") = (user_id, name) {
        out.retain(|u| {
            ["id", "userPrincipalName"]
                .iter()
                .any(|k| u[*k].as_str().is_some_and(|v| v.eq_ignore_ascii_case(id)))
        });
    }
    if name == "ListConditionalAccessPolicies" {
        return json!({"Results": out, "Metadata": {}});
    }
    Value::Array(out)
}

/// `ListAlertsQueue`: the configured alert rules (not tenant-scoped).
pub fn alert_rules(tenants: &[(String, String, String)]) -> Value {
    let label = |i: usize| {
        tenants.get(i).map_or_else(
            || json!({"label": "*All Tenants", "value": "AllTenants"}),
            |(d, _, n)| json!({"label": format!("{n} ({d})"), "value": d}),
        )
    };
    let rules = [
        (
            "Scripted",
            "1d",
            json!([label(usize::MAX)]),
            "New global administrators, expiring licences, MFA gaps",
            json!(["AdminPassword", "ExpiringLicenses", "MFAAdmins"]),
        ),
        (
            "Audit log",
            "",
            json!([label(0), label(1)]),
            "Inbox rules forwarding mail outside the organisation",
            json!([{"Property": {"value": "Operation"}, "Op": {"value": "eq"}, "Input": {"value": "New-InboxRule"}}]),
        ),
        (
            "Scripted",
            "4h",
            json!([label(2)]),
            "Devices out of compliance",
            json!(["DeviceCompliance"]),
        ),
    ];
    Value::Array(
        rules
            .into_iter()
            .enumerate()
            .map(|(i, (kind, every, scope, comment, conditions))| {
                json!({
                    "RowKey": guid(0xA1E7, 9, i as u64),
                    "PartitionKey": "Alert",
                    "EventType": kind,
                    "RepeatsEvery": every,
                    "Tenants": scope,
                    "excludedTenants": [],
                    "Conditions": conditions,
                    "Actions": ["email", "webhook"],
                    "AlertComment": comment,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Vec<(String, String, String)> {
        crate::api::tenants(0)
    }

    #[test]
    fn deterministic_and_per_tenant() {
        let a = list("ListUsers", Some("contoso.onmicrosoft.com"), None, &demo());
        let b = list("ListUsers", Some("contoso.onmicrosoft.com"), None, &demo());
        let c = list("ListUsers", Some("fabrikam.onmicrosoft.com"), None, &demo());
        assert_eq!(a, b);
        assert_eq!(a.as_array().unwrap().len(), 24);
        assert_eq!(c.as_array().unwrap().len(), 12);
        assert_ne!(a[1]["id"], c[1]["id"]);
    }

    #[test]
    fn licence_counts_match_users() {
        for (d, _, _) in demo() {
            let users = list("ListUsers", Some(&d), None, &demo());
            for lic in list("ListLicenses", Some(&d), None, &demo())
                .as_array()
                .unwrap()
            {
                let sku = lic["skuId"].as_str().unwrap();
                let holders = users
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|u| {
                        u["assignedLicenses"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|l| l["skuId"] == sku)
                    })
                    .count();
                assert_eq!(lic["CountUsed"], holders.to_string(), "{d} {sku}");
            }
        }
    }

    fn timestamps<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::String(s)
                if s.len() >= 19 && s.as_bytes()[10] == b'T' && s.as_bytes()[4] == b'-' =>
            {
                out.push(s)
            }
            Value::Array(a) => a.iter().for_each(|x| timestamps(x, out)),
            Value::Object(o) => o.values().for_each(|x| timestamps(x, out)),
            _ => {}
        }
    }

    #[test]
    fn times_are_not_in_the_future() {
        let now = iso_utc(unix_now());
        for name in ENDPOINTS {
            let v = list(name, Some("AllTenants"), None, &demo());
            let mut found = Vec::new();
            timestamps(&v, &mut found);
            for ts in found {
                assert!(ts[..19] <= now[..19], "{name}: {ts} after {now}");
            }
        }
    }
}
