# CIPPAPIModule command catalog: Tenant commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPAlerts'
            Folder = 'Tenant/Administration/Alerts'
            Synopsis = 'Gets alerts.'
            Method = 'GET'
            Endpoint = '/api/getcippalerts'
        }
        @{
            Name = 'Get-CIPPAuditLog'
            DefaultParameterSet = 'RelativeTime'
            Folder = 'Tenant/Administration/Alerts'
            Synopsis = 'Gets audit log entries of a customer tenant for a time range.'
            Method = 'GET'
            Endpoint = '/api/ListAuditLogs'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Sets = @('TimeRange!', 'RelativeTime!') }
                @{ Name = 'LogID'; Type = 'string' }
                @{ Name = 'StartDate'; Type = 'datetime'; Sets = @('TimeRange') }
                @{ Name = 'EndDate'; Type = 'datetime'; Sets = @('TimeRange') }
                @{ Name = 'RelativeTime'; Type = 'timespan'; Sets = @('TimeRange', 'RelativeTime!') }
            )
            # Fix (contract section 7 row 10): RelativeTime is only sent when -RelativeTime is given (1.2.12 sent 'd').
            Query = @{
                tenantFilter = '$CustomerTenantID'
                LogId = '$LogID'
            }
            QueryIf = @{
                RelativeTime = @{ If = '$PSBoundParameters.ContainsKey(''RelativeTime'')'; Value = 'ConvertTo-CIPPRelativeTime -Span $RelativeTime' }
                StartDate = @{ If = '$StartDate'; Value = 'ConvertTo-CIPPUnixTime -Date $StartDate' }
                EndDate = @{ If = '$EndDate'; Value = 'ConvertTo-CIPPUnixTime -Date $EndDate' }
            }
        }
        @{
            Name = 'Get-CIPPWebhookAlert'
            Folder = 'Tenant/Administration/Alerts'
            Synopsis = 'Gets webhook alert.'
            Method = 'GET'
            Endpoint = '/api/ListWebhookAlert'
        }
        @{
            Name = 'Remove-CIPPQueuedAlert'
            Folder = 'Tenant/Administration/Alerts'
            Synopsis = 'Deletes a queued alert definition from CIPP.'
            ConfirmImpact = 'Medium'
            Method = 'POST'
            Endpoint = '/api/RemoveQueuedAlert'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPAppApprovalTemplates'
            Folder = 'Tenant/Administration/Applications'
            Synopsis = 'Gets app approval templates.'
            Method = 'GET'
            Endpoint = '/api/ListAppApprovalTemplates'
        }
        @{
            Name = 'Get-CIPPAppRegistrations'
            Folder = 'Tenant/Administration/Applications'
            Synopsis = 'Lists the app registrations (applications) of a customer tenant, with their credentials.'
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                endpoint = "'applications'"
                '$select' = "'id,appId,displayName,createdDateTime,signInAudience,web,publisherDomain,disabledByMicrosoftStatus,applicationTemplateId,passwordCredentials,keyCredentials'"
                '$top' = '999'
                '$count' = "'true'"
                NoPagination = "'false'"
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'Get-CIPPEnterpriseApplications'
            Folder = 'Tenant/Administration/Applications'
            Synopsis = 'Lists the enterprise applications (service principals) of a customer tenant, with their credentials.'
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                endpoint = "'servicePrincipals'"
                '$select' = "'id,appId,displayName,createdDateTime,accountEnabled,homepage,publisherName,signInAudience,replyUrls,verifiedPublisher,info,api,appOwnerOrganizationId,tags,passwordCredentials,keyCredentials'"
                '$top' = '999'
                '$count' = "'true'"
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'Get-CIPPAppConsentReqs'
            Folder = 'Tenant/Administration'
            Synopsis = 'Gets app consent reqs for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listappconsentrequests'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPDomains'
            Folder = 'Tenant/Administration'
            Synopsis = 'Gets domains for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListDomains'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTenantOnboarding'
            Folder = 'Tenant/Administration'
            Synopsis = 'Gets tenant onboarding.'
            Method = 'GET'
            Endpoint = '/api/ListTenantOnboarding'
        }
        @{
            Name = 'Get-CIPPCSPLicenses'
            Folder = 'Tenant/Administration/Licenses'
            Synopsis = 'Gets CSP licenses for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListCSPLicenses'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCSPSku'
            Folder = 'Tenant/Administration/Licenses'
            Synopsis = 'Gets CSP sku for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListCSPsku'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPCSPLicense'
            Folder = 'Tenant/Administration/Licenses'
            Synopsis = 'Not implemented (kept for compatibility): returns a message pointing to CIPP.'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
                @{ Name = 'SKU'; Type = 'string' }
                @{ Name = 'SubscriptionIds'; Type = 'string[]' }
                @{ Name = 'Action'; Type = 'string'; ValidateSet = @('Add', 'Remove', 'Update', 'Cancel') }
                @{ Name = 'Quantity'; Type = 'int' }
            )
            Handler = 'Invoke-CIPPCSPLicenseHook'
        }
        @{
            Name = 'Remove-CIPPTenantAllowBlockList'
            Folder = 'Tenant/Administration'
            Synopsis = 'Removes entries from the tenant allow/block list.'
            Method = 'POST'
            Endpoint = '/api/RemoveTenantAllowBlockList'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Entries'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ListType'; Type = 'string'; Mandatory = $true; ValidateSet = @('FileHash', 'Sender', 'URL', 'IP') }
            )
            Body = @{
                Entries = '$Entries'
                ListType = '$ListType'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPAuthenticationMethod'
            Folder = 'Tenant/Administration'
            Synopsis = 'Enables or disables an authentication method (FIDO2, Authenticator, SMS, ...) in the authentication methods policy of a customer tenant.'
            ConfirmImpact = 'Medium'
            Method = 'POST'
            Endpoint = '/api/SetAuthMethod'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AuthenticationMethodId'; Type = 'string'; Mandatory = $true; ValidateSet = @('FIDO2', 'MicrosoftAuthenticator', 'SMS', 'TemporaryAccessPass', 'HardwareOATH', 'softwareOath', 'Voice', 'Email', 'x509Certificate', 'QRCodePin') }
                @{ Name = 'State'; Type = 'string'; Mandatory = $true; ValidateSet = @('enabled', 'disabled') }
            )
            Body = @{
                Id = '$AuthenticationMethodId'
                state = '$State'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Clear-CIPPTenantCapabilitiesCache'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Clears the cached capabilities of a customer tenant.'
            ConfirmImpact = 'Medium'
            Method = 'POST'
            Endpoint = '/api/RemoveTenantCapabilitiesCache'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                TenantFilter = '$CustomerTenantID'
            }
            # Addition (contract section 8): CIPP 10.x requires defaultDomainName in the query.
            Query = @{
                defaultDomainName = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPADConnectStatus'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Gets AD connect status for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listazureadconnectstatus'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'dataToReturn'; Type = 'string'; ValidateSet = @('AzureADConnectSettings', 'AzureADObjectsInError') }
            )
            Query = @{
                datatoreturn = '$dataToReturn'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCustomVariables'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Lists the custom variables CIPP defines for a tenant (used in templates and standards).'
            Method = 'GET'
            Endpoint = '/api/ExecCippReplacemap'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                Action = "'List'"
                tenantId = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPOrg'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Gets org for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listorg'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPPartnerRelationships'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Gets partner relationships for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listpartnerrelationships'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTenantDetails'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Gets tenant details for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTenantDetails'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTenants'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Lists the tenants managed by CIPP, or one tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTenants'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
                @{ Name = 'ClearCache'; Type = 'switch' }
                @{ Name = 'TriggerRefresh'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                ClearCache = @{ If = '$ClearCache'; Value = "'true'" }
                TriggerRefresh = @{ If = '$TriggerRefresh'; Value = "'true'" }
            }
            # Addition (contract section 8): CIPP 10.x reads ClearCache from the body.
            BodyIf = @{
                ClearCache = @{ If = '$ClearCache'; Value = '$true' }
            }
        }
        @{
            Name = 'Remove-CIPPCustomVariable'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Deletes a custom variable from CIPP.'
            Method = 'POST'
            Endpoint = '/api/ExecCippReplacemap'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'VariableName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantId = '$CustomerTenantID'
                Action = "'Delete'"
                RowKey = '$VariableName'
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'Set-CIPPCustomVariable'
            Folder = 'Tenant/Administration/Tenant'
            Synopsis = 'Creates or updates a custom variable in CIPP.'
            Method = 'POST'
            Endpoint = '/api/ExecCippReplacemap'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'VariableName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Value'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Description'; Type = 'string' }
            )
            Body = @{
                tenantId = '$CustomerTenantID'
                Action = "'AddEdit'"
                RowKey = '$VariableName'
                Value = '$Value'
                Description = '$Description'
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'Get-CIPPCAPolicies'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Gets CA policies for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listconditionalaccesspolicies'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCATemplates'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Gets CA templates.'
            Method = 'GET'
            Endpoint = '/api/listcatemplates'
        }
        @{
            Name = 'Get-CIPPNamedLocations'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Gets named locations for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listnamedlocations'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPCAPolicy'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Deletes a Conditional Access policy from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveCAPolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'PolicyId'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$PolicyId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPCATemplate'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Deletes a saved Conditional Access policy template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveCATemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPCAPolicy'
            Folder = 'Tenant/Conditional'
            Synopsis = 'Enables, disables or sets to report-only a Conditional Access policy.'
            Method = 'POST'
            Endpoint = '/api/EditCAPolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'State'; Type = 'string'; ValidateSet = @('Enabled', 'Disabled', 'enabledForReportingButNotEnforced') }
                @{ Name = 'Guid'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$Guid'
                State = '$State'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPGDAPInvite'
            Folder = 'Tenant/GDAP'
            Synopsis = 'Gets GDAP invite.'
            Method = 'GET'
            Endpoint = '/api/ListGDAPInvite'
            Parameters = @(
                @{ Name = 'RelationshipId'; Type = 'string' }
            )
            QueryIf = @{
                RelationshipId = '$RelationshipId'
            }
        }
        @{
            Name = 'Get-CIPPGDAPRoles'
            Folder = 'Tenant/GDAP'
            Synopsis = 'Gets GDAP roles.'
            Method = 'GET'
            Endpoint = '/api/ListGDAPRoles'
        }
        @{
            Name = 'New-CIPPGDAPInvite'
            Folder = 'Tenant/GDAP'
            Synopsis = 'Creates a GDAP invite with the given or all existing role mappings.'
            Method = 'POST'
            Endpoint = '/api/ExecGDAPInvite'
            Parameters = @(
                @{ Name = 'GDAPRoles'; Type = 'array' }
                @{ Name = 'UseAllExistingRoles'; Type = 'switch' }
            )
            Handler = 'Invoke-CIPPGDAPInviteHook'
            Example = 'New-CIPPGDAPInvite -UseAllExistingRoles'
        }
        @{
            Name = 'Remove-CIPPGDAPRelationship'
            Folder = 'Tenant/GDAP'
            Synopsis = 'Terminates a GDAP (granular delegated admin) relationship with a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/execdeletegdaprelationship'
            Parameters = @(
                @{ Name = 'GDAPID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                gdapid = '$GDAPID'
            }
        }
        @{
            Name = 'Get-CIPPLicenses'
            Folder = 'Tenant/Reports'
            Synopsis = 'Gets licenses for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListLicenses'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPOAuthApps'
            Folder = 'Tenant/Reports'
            Synopsis = 'Gets o auth apps for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listoauthapps'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPServiceHealth'
            Folder = 'Tenant/Reports'
            Synopsis = 'Gets Microsoft 365 service health for one or all tenants.'
            Method = 'GET'
            Endpoint = '/api/ListServiceHealth'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AllTenants'; Type = 'switch' }
                @{ Name = 'DisplayName'; Type = 'string' }
                @{ Name = 'DefaultDomainName'; Type = 'string' }
            )
            Validate = 'Assert-CIPPServiceHealthArguments'
            Example = "Get-CIPPServiceHealth -CustomerTenantID 'contoso.onmicrosoft.com' -DisplayName 'Contoso Ltd' -DefaultDomainName 'contoso.onmicrosoft.com'"
            Query = @{
                tenantFilter = '$AllTenants ? ''AllTenants'' : $CustomerTenantID'
                displayName = '$DisplayName'
                defaultDomainName = '$DefaultDomainName'
            }
        }
        @{
            Name = 'Get-CIPPBPA'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets BPA for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listbpa'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
                @{ Name = 'ReportName'; Type = 'string' }
            )
            Query = @{
                Report = '$ReportName'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPBPATemplates'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets BPA templates.'
            Method = 'GET'
            Endpoint = '/api/listbpatemplates'
        }
        @{
            Name = 'Get-CIPPBestPracticeAnalyser'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets best practice analyser.'
            Method = 'GET'
            Endpoint = '/api/BestPracticeAnalyser_List'
        }
        @{
            Name = 'Get-CIPPDomainAnalyser'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets domain analyser for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListDomainAnalyser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPDomainAnalyserList'
            Folder = 'Tenant/Standards'
            Synopsis = 'Lists domain analyser results (all tenants by default).'
            Method = 'GET'
            Endpoint = '/api/DomainAnalyser_List'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Default = '"AllTenants"' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPDomainHealth'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets domain health.'
            Method = 'GET'
            Endpoint = '/api/listdomainhealth'
            Parameters = @(
                @{ Name = 'DomainName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Action'; Type = 'string'; Mandatory = $true; ValidateSet = @('ReadWhoisRecord', 'ReadNSRecord', 'ReadMXRecord', 'ReadSpfRecord', 'ReadDmarcPolicy', 'ReadDkimRecord', 'TestDNSSEC', 'TestMtaSts') }
            )
            Query = @{
                Action = '$Action'
                Domain = '$DomainName'
            }
        }
        @{
            Name = 'Get-CIPPStandardTemplates'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets standard templates.'
            Method = 'GET'
            Endpoint = '/api/listStandardTemplates'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string' }
            )
            QueryIf = @{
                id = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPStandards'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets standards for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/liststandards'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPStandardsCompare'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets standards compare for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListStandardsCompare'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
            )
            QueryIf = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTenantAlignment'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets tenant alignment.'
            Method = 'GET'
            Endpoint = '/api/ListTenantAlignment'
        }
        @{
            Name = 'Get-CIPPTenantDrift'
            Folder = 'Tenant/Standards'
            Synopsis = 'Gets tenant drift for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTenantDrift'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
            )
            QueryIf = @{
                TenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPBPATemplate'
            Folder = 'Tenant/Standards'
            Synopsis = 'Deletes a Best Practice Analyser template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveBPATemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                TemplateName = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPStandard'
            Folder = 'Tenant/Standards'
            Synopsis = 'Removes the standards applied to a tenant.'
            Method = 'GET'
            Endpoint = '/api/RemoveStandard'
            Parameters = @(
                @{ Name = 'CustomerDefaultDomain'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$CustomerDefaultDomain'
            }
        }
        @{
            Name = 'Remove-CIPPStandardTemplate'
            Folder = 'Tenant/Standards'
            Synopsis = 'Deletes a standards template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveStandardTemplate'
            Parameters = @(
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
            }
        }
        @{
            Name = 'Set-CIPPStandardsRun'
            Folder = 'Tenant/Standards'
            Synopsis = 'Starts a standards run for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/execstandardsrun'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Start-CIPPDomainAnalyser'
            Folder = 'Tenant/Standards'
            Synopsis = 'Starts CIPP''s domain analyser, which checks the mail DNS records (SPF, DMARC, DKIM, MX) of all tenants'' domains.'
            Method = 'GET'
            Endpoint = '/api/ExecDomainAnalyser'
        }
        @{
            Name = 'Get-CIPPAuditLogTest'
            Folder = 'Tenant/Tools'
            Synopsis = 'Gets audit log test for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAuditLogTest'
            Parameters = @(
                @{ Name = 'CustomerTenantId'; Type = 'string'; Mandatory = $true }
                @{ Name = 'LogType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Audit.Exchange', 'Audit.AzureActiveDirectory') }
            )
            Query = @{
                LogType = '$LogType'
                tenantFilter = '$CustomerTenantId'
            }
        }
        @{
            Name = 'Get-CIPPExternalGEOIPLookup'
            Folder = 'Tenant/Tools'
            Synopsis = 'Looks up the geographic location of an IP address.'
            Method = 'GET'
            Endpoint = '/api/execgeoiplookup'
            Parameters = @(
                @{ Name = 'IP'; Type = 'string'; Mandatory = $true; ValidatePattern = '^(\d{1,3}\.){3}\d{1,3}$|^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$'; Help = 'IPv4 or IPv6 address to look up.' }
            )
            Query = @{
                ip = '$IP'
            }
            Example = "Get-CIPPExternalGEOIPLookup -IP '203.0.113.10'"
        }
        @{
            Name = 'Get-CIPPExternalTenantInfo'
            Folder = 'Tenant/Tools'
            Synopsis = 'Gets external tenant info.'
            Method = 'GET'
            Endpoint = '/api/ListExternalTenantInfo'
            Parameters = @(
                @{ Name = 'Tenant'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenant = '$Tenant'
            }
        }
        @{
            Name = 'Get-CIPPGraphRequest'
            Folder = 'Tenant/Tools'
            Synopsis = 'Runs a Graph GET request through CIPP for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantId'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GraphEndPoint'; Type = 'string'; Mandatory = $true }
                @{ Name = 'count'; Type = 'bool' }
                @{ Name = 'Select'; Type = 'string' }
                @{ Name = 'DisablePagination'; Type = 'bool' }
                @{ Name = 'Top'; Type = 'string' }
                @{ Name = 'Format'; Type = 'string' }
                @{ Name = 'Filter'; Type = 'string' }
                @{ Name = 'Expand'; Type = 'string' }
                @{ Name = 'Search'; Type = 'string' }
                @{ Name = 'ReverseTenantLookupProperty'; Type = 'string' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantId'
                endpoint = '$GraphEndPoint'
                NoPagination = '$DisablePagination ? ''true'' : ''false'''
                '$select' = '$Select'
                '$top' = '$Top'
                '$format' = '$Format'
                '$filter' = '$Filter'
                '$expand' = '$Expand'
                '$search' = '$Search'
                reverseTenantLookupProperty = '$ReverseTenantLookupProperty'
            }
            QueryIf = @{
                '$count' = @{ If = '$count'; Value = "'true'" }
            }
        }
    )
}
