# CIPPAPIModule command catalog: CIPP commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPAccessCheck'
            Folder = 'CIPP/Core'
            Synopsis = 'Runs CIPP access checks (permissions) for one or more customer tenants.'
            Method = 'POST'
            Endpoint = '/api/execaccesschecks'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string[]'; Mandatory = $true }
            )
            Query = @{
                tenants = "'true'"
            }
            Body = @{
                tenantId = '$CustomerTenantID'
            }
            # contract note: tenantId is always a JSON array
        }
        @{
            Name = 'Get-CIPPAdminPortalLicenses'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets admin portal licenses for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAdminPortalLicenses'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPApplicationQueue'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets application queue.'
            Method = 'GET'
            Endpoint = '/api/ListApplicationQueue'
        }
        @{
            Name = 'Get-CIPPAuditLogSearches'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets audit log searches for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAuditLogSearches'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SearchId'; Type = 'string' }
                @{ Name = 'Days'; Type = 'int' }
                @{ Name = 'Type'; Type = 'string' }
            )
            Query = @{
                Days = '$Days'
                SearchId = '$SearchId'
                tenantFilter = '$CustomerTenantID'
                Type = '$Type'
            }
        }
        @{
            Name = 'Get-CIPPBackup'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets backup.'
            Method = 'GET'
            Endpoint = '/api/ExecListBackup'
            Parameters = @(
                @{ Name = 'Type'; Type = 'string' }
                @{ Name = 'TenantFilter'; Type = 'string' }
                @{ Name = 'BackupName'; Type = 'string' }
                @{ Name = 'NameOnly'; Type = 'switch' }
            )
            QueryIf = @{
                BackupName = '$BackupName'
                NameOnly = @{ If = '$NameOnly'; Value = '$true' }
                TenantFilter = '$TenantFilter'
                Type = '$Type'
            }
        }
        @{
            Name = 'Get-CIPPCheckExternalAlerts'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets check external alerts for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListCheckExtAlerts'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
            }
            # 1.2.12 sent tenantFilter only in the GET body (kept).
            # Addition (contract section 8): CIPP 10.x reads tenantFilter from the query.
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCommunityRepos'
            Folder = 'CIPP/Core'
            Synopsis = 'Lists the community template repositories configured in CIPP.'
            Method = 'GET'
            Endpoint = '/api/ListCommunityRepos'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            # contract note: CustomerTenantID mandatory but unused
        }
        @{
            Name = 'Get-CIPPConditionalAccessPolicyChanges'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets conditional access policy changes for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListConditionalAccessPolicyChanges'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'PolicyId'; Type = 'string' }
                @{ Name = 'PolicyDisplayName'; Type = 'string' }
            )
            Query = @{
                displayName = '$PolicyDisplayName'
                id = '$PolicyId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPConnectionFilterTemplates'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets connection filter templates for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListConnectionFilterTemplates'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCustomDataMappings'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets custom data mappings for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListCustomDataMappings'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
                @{ Name = 'SourceType'; Type = 'string'; ValidateSet = @('extensionSync', 'manualEntry') }
                @{ Name = 'DirectoryObject'; Type = 'string'; ValidateSet = @('User') }
            )
            QueryIf = @{
                directoryObject = '$DirectoryObject'
                sourceType = '$SourceType'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPCustomRole'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets custom role.'
            Method = 'GET'
            Endpoint = '/api/ListCustomRole'
        }
        @{
            Name = 'Get-CIPPDirectoryObjects'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets directory objects for a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/ListDirectoryObjects'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Ids'; Type = 'string[]'; Mandatory = $true }
                @{ Name = 'Select'; Type = 'string' }
                @{ Name = 'AsApp'; Type = 'switch' }
                @{ Name = 'PartnerLookup'; Type = 'switch' }
            )
            Body = @{
                ids = '$Ids'
                tenantFilter = '$CustomerTenantID'
            }
            BodyIf = @{
                '$select' = '$Select'
                asApp = @{ If = '$AsApp'; Value = '$true' }
                partnerLookup = @{ If = '$PartnerLookup'; Value = '$true' }
            }
        }
        @{
            Name = 'Get-CIPPEmptyResult'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets empty result.'
            Method = 'GET'
            Endpoint = '/api/ListEmptyResults'
        }
        @{
            Name = 'Get-CIPPExecAPIPermissionsList'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets exec API permissions list.'
            Method = 'GET'
            Endpoint = '/api/ExecAPIPermissionList'
        }
        @{
            Name = 'Get-CIPPExoRequest'
            Folder = 'CIPP/Core'
            Synopsis = 'Runs an Exchange Online request through CIPP for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListExoRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPExtensionCacheData'
            Folder = 'CIPP/Core'
            Synopsis = 'Lists the data CIPP has cached for a tenant for its integrations.'
            Method = 'GET'
            Endpoint = '/api/ListExtensionCacheData'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DataTypes'; Type = 'string'; Default = "'All'"; ValidateSet = @('All', 'TenantDetails', 'AllRoles', 'Domains', 'Licenses', 'ConditionalAccess', 'SecureScoreControlProfiles', 'Subscriptions', 'OneDriveUsage', 'MailboxUsage', 'SecureScore', 'Users', 'Groups', 'Devices', 'DeviceCompliancePolicies', 'DeviceApps', 'Mailboxes', 'CASMailbox') }
            )
            Query = @{
                dataTypes = '$DataTypes'
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: DataTypes defaults to 'All' and its ValidateSet has no empty value, so dataTypes is always sent (dataTypes=All when omitted)
        }
        @{
            Name = 'Get-CIPPExtensionSync'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets extension sync.'
            Method = 'GET'
            Endpoint = '/api/ListExtensionSync'
        }
        @{
            Name = 'Get-CIPPFunctionParameters'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets function parameters.'
            Method = 'GET'
            Endpoint = '/api/ListFunctionParameters'
            Parameters = @(
                @{ Name = 'Module'; Type = 'string' }
                @{ Name = 'Function'; Type = 'string' }
                @{ Name = 'Compliance'; Type = 'bool'; Default = '$false' }
            )
            Query = @{
                Module = '$Module'
                Function = '$Function'
                Compliance = '$Compliance'
            }
        }
        @{
            Name = 'Get-CIPPFunctionStats'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets function stats for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListFunctionStats'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'FunctionType'; Type = 'string'; Default = "'Durable'" }
                @{ Name = 'LookbackPeriod'; Type = 'timespan' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                FunctionType = '$FunctionType'
            }
            QueryIf = @{
                Interval = @{ If = '$null -ne $LookbackPeriod'; Value = '$LookbackPeriod.Days -gt 0 ? ''Days'' : ($LookbackPeriod.Hours -gt 0 ? ''Hours'' : ''Minutes'')' }
                Time = @{ If = '$null -ne $LookbackPeriod'; Value = '$LookbackPeriod.Days -gt 0 ? $LookbackPeriod.Days : ($LookbackPeriod.Hours -gt 0 ? $LookbackPeriod.Hours : $LookbackPeriod.Minutes)' }
            }
        }
        @{
            Name = 'Get-CIPPGDAPAccessAssignments'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets GDAP access assignments.'
            Method = 'GET'
            Endpoint = '/api/ListGDAPAccessAssignments'
            Parameters = @(
                @{ Name = 'Id'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                Id = '$Id'
            }
        }
        @{
            Name = 'Test-CIPPGenericFunction'
            Folder = 'CIPP/Core'
            Synopsis = 'Calls the CIPP generic test endpoint (not exported).'
            Export = $false
            Method = 'GET'
            Endpoint = '/api/ListGenericTestFunction'
            # contract note: file is Get-CIPPGenericTestFunction.ps1 → NOT exported by the published manifest (FunctionsToExport uses file names)
        }
        @{
            Name = 'Get-CIPPGitHubReleaseNotes'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets git hub release notes.'
            Method = 'GET'
            Endpoint = '/api/ListGitHubReleaseNotes'
            Parameters = @(
                @{ Name = 'Owner'; Type = 'string'; Default = "'KelvinTegelaar'"; Help = 'The GitHub account that owns the repository.' }
                @{ Name = 'Repository'; Type = 'string'; Default = "'CIPP'"; Help = 'The GitHub repository whose release notes are read.' }
            )
            Query = @{
                Owner = '$Owner'
                Repository = '$Repository'
            }
        }
        @{
            Name = 'Get-CIPPGraphExplorerPresets'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets graph explorer presets.'
            Method = 'GET'
            Endpoint = '/api/ListGraphExplorerPresets'
            Parameters = @(
                @{ Name = 'Endpoint'; Type = 'string' }
            )
            Query = @{
                Endpoint = "'/api/ListGraphExplorerPresets'"
            }
            # contract note: BUG: the function's own $endpoint variable overwrites the -Endpoint parameter (names are case-insensitive), so -Endpoint is never sent and the query always carries Endpoint=/api/ListGraphExplorerPresets, with or without -Endpoint
        }
        @{
            Name = 'Get-CIPPKnownIPDB'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets the known IP database for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listknownipdb'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPLogs'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets logs.'
            HandWritten = $true
        }
        @{
            Name = 'Get-CIPPQueue'
            Folder = 'CIPP/Core'
            Synopsis = 'Gets queue.'
            Method = 'GET'
            Endpoint = '/api/ListCippQueue'
        }
        @{
            Name = 'Invoke-CIPPGraphBulkRequest'
            Folder = 'CIPP/Core'
            Synopsis = 'Sends a batch of Graph requests through CIPP for a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/ListGraphBulkRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Requests'; Type = 'array'; Mandatory = $true }
                @{ Name = 'AsApp'; Type = 'switch' }
                @{ Name = 'NoPaginateIds'; Type = 'array' }
            )
            Body = @{
                requests = '$Requests'
                tenantFilter = '$CustomerTenantID'
            }
            BodyIf = @{
                asApp = @{ If = '$AsApp'; Value = '$true' }
                noPaginateIds = '$NoPaginateIds'
            }
        }
        @{
            Name = 'Remove-CIPPQueue'
            Folder = 'CIPP/Core'
            Synopsis = 'Clears the CIPP queue history (the queue ID is accepted but not used).'
            Method = 'POST'
            Endpoint = '/api/RemoveCippQueue'
            Parameters = @(
                @{ Name = 'QueueId'; Type = 'string'; Mandatory = $true }
            )
            # contract note: BUG: QueueId is never sent (body {})
        }
        @{
            Name = 'Set-CIPPExecCPVPerms'
            Folder = 'CIPP/Core'
            Synopsis = 'Refreshes the CPV (partner) permissions of a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/ExecCPVPermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'ResetSP'; Type = 'bool'; Default = '$false' }
            )
            Body = @{
                tenantFilter = '[string]$CustomerTenantID'
                ResetSP = '$ResetSP ? ''true'' : ''false'''
            }
            # Addition (contract section 8): CIPP 10.x reads ResetSP from the query.
            Query = @{
                ResetSP = '$ResetSP ? ''true'' : ''false'''
            }
        }
        @{
            Name = 'Test-CIPPApiConnection'
            Folder = 'CIPP/Core'
            Synopsis = 'Tests the connection to the CIPP API.'
            Description = @'
Without -Diagnose: calls GET /api/ListApiTest and returns CIPP's answer (the request as the server saw it), like
CIPPAPIModule 1.2.12.

With -Diagnose (added by this module): runs the connection doctor of the native library step by step (URL
shape, DNS, TCP, HTTPS, a fresh token request, the token's claims, an authenticated call, CIPP's role check and
latency) and returns one object per step with Name, Status (passed, warning, failed, skipped), Detail, Cause,
Fix and Ms. Each failed step and each warning is also written as a warning with its fix. A failing connection
is a report, not an error. The token itself is never shown.
'@
            Method = 'GET'
            Endpoint = '/api/ListApiTest'
            Parameters = @(
                @{ Name = 'Diagnose'; Type = 'switch'; Help = 'Runs the connection doctor instead of the plain test call and returns one result object per step (Name, Status, Detail, Cause, Fix, Ms), with a warning and its fix for each step that failed. Added by this module (not in 1.2.12).' }
            )
            Handler = 'Invoke-CIPPApiConnectionTestHook'
            Example = 'Test-CIPPApiConnection -Diagnose'
        }
        @{
            Name = 'Test-CIPPPublicPing'
            Folder = 'CIPP/Core'
            Synopsis = 'Checks that a CIPP instance answers on its public ping endpoint (no authentication).'
            Parameters = @(
                @{ Name = 'CIPPPublicURL'; Type = 'string'; Mandatory = $true; Help = 'The base URL of the CIPP instance: its Azure Function App URL, such as https://cippxxxxx.azurewebsites.net (the URL given to Set-CIPPAPIDetails -CIPPAPIUrl, not the portal URL). /api/PublicPing is appended; no credentials are sent.' }
            )
            Handler = 'Invoke-CIPPPublicPingHook'
            Example = "Test-CIPPPublicPing -CIPPPublicURL 'https://cippabcde.azurewebsites.net'"
        }
        @{
            Name = 'Get-CIPPScheduledItemDetails'
            Folder = 'CIPP/Scheduler'
            Synopsis = 'Gets scheduled item details.'
            Method = 'GET'
            Endpoint = '/api/ListScheduledItemDetails'
            Parameters = @(
                @{ Name = 'RowKey'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                RowKey = '$RowKey'
            }
        }
        @{
            Name = 'Get-CIPPScheduledTask'
            Folder = 'CIPP/Scheduler'
            Synopsis = 'Lists CIPP scheduled tasks.'
            Method = 'GET'
            Endpoint = '/api/ListScheduledItems'
            Parameters = @(
                @{ Name = 'ShowHidden'; Type = 'switch' }
                @{ Name = 'Name'; Type = 'string' }
                @{ Name = 'Type'; Type = 'string' }
            )
            QueryIf = @{
                ShowHidden = @{ If = '$ShowHidden'; Value = '$true' }
                Name = '$Name'
                Type = '$Type'
            }
            Output = 'Format-CIPPScheduledTask'
        }
        @{
            Name = 'Remove-CIPPScheduledItem'
            Folder = 'CIPP/Scheduler'
            Synopsis = 'Removes scheduled item.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveScheduledItem'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                id = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPTrustedIP'
            Folder = 'CIPP/Security'
            Synopsis = 'Gets trusted IP.'
            Method = 'GET'
            Endpoint = '/api/ListIPWhitelist'
        }
        @{
            Name = 'Get-CIPPExcludedLicenses'
            Folder = 'CIPP/Settings'
            Synopsis = 'Lists the licenses excluded in CIPP.'
            Method = 'GET'
            Endpoint = '/api/ExecExcludeLicenses'
            Query = @{
                List = "'true'"
            }
        }
        @{
            Name = 'Get-CIPPExcludedTenants'
            Folder = 'CIPP/Settings'
            Synopsis = 'Lists the tenants excluded from CIPP.'
            Method = 'GET'
            Endpoint = '/api/execexcludetenant'
            Parameters = @(
                @{ Name = 'ListAll'; Type = 'switch' }
            )
            QueryIf = @{
                ListAll = @{ If = '$ListAll'; Value = "'true'" }
                List = @{ If = '-not $ListAll'; Value = "'true'" }
            }
        }
        @{
            Name = 'Get-CIPPNotificationConfig'
            Folder = 'CIPP/Settings'
            Synopsis = 'Gets the CIPP notification settings.'
            Method = 'GET'
            Endpoint = '/api/ListNotificationConfig'
            Output = 'Format-CIPPNotificationConfig'
        }
        @{
            Name = 'Get-CIPPTenantGroups'
            Folder = 'CIPP/Settings'
            Synopsis = 'Gets tenant groups.'
            Method = 'GET'
            Endpoint = '/api/ListTenantGroups'
            Parameters = @(
                @{ Name = 'GroupID'; Type = 'string' }
            )
            QueryIf = @{
                groupId = '$GroupID'
            }
        }
        @{
            Name = 'Get-CIPPVersion'
            Folder = 'CIPP/Settings'
            Synopsis = 'Gets version.'
            Method = 'GET'
            Endpoint = '/api/GetVersion'
            Parameters = @(
                @{ Name = 'LocalVersion'; Type = 'version'; Mandatory = $true }
            )
            Query = @{
                LocalVersion = '$LocalVersion'
            }
        }
        @{
            Name = 'Set-CIPPExcludeLicense'
            Folder = 'CIPP/Settings'
            Synopsis = 'Adds a license to, or removes it from, the CIPP excluded licenses.'
            Method = 'GET,POST'
            Endpoint = '/api/ExecExcludeLicenses'
            Parameters = @(
                @{ Name = 'LicenseGUID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'SKUName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RemoveExclusion'; Type = 'switch' }
                @{ Name = 'AddExclusion'; Type = 'switch' }
            )
            Handler = 'Invoke-CIPPExcludeLicenseHook'
            Example = "Set-CIPPExcludeLicense -LicenseGUID '05e9a617-0261-4cee-bb44-138d3ef5d965' -SKUName 'SPE_E3' -AddExclusion"
        }
        @{
            Name = 'Set-CIPPExcludeTenant'
            Folder = 'CIPP/Settings'
            Synopsis = 'Adds a tenant to, or removes it from, the CIPP excluded tenants.'
            Method = 'GET,POST'
            Endpoint = '/api/execexcludetenant'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AddExclusion'; Type = 'switch' }
                @{ Name = 'RemoveExclusion'; Type = 'switch' }
            )
            Handler = 'Invoke-CIPPExcludeTenantHook'
            Example = "Set-CIPPExcludeTenant -CustomerTenantID (Get-CIPPTenants | Where-Object defaultDomainName -EQ 'contoso.onmicrosoft.com').customerId -AddExclusion"
        }
        @{
            Name = 'Set-CIPPPasswordSettings'
            Folder = 'CIPP/Settings'
            Synopsis = 'Lists or sets the CIPP password generator type.'
            Method = 'GET,POST'
            Endpoint = '/api/execpasswordconfig'
            Parameters = @(
                @{ Name = 'Type'; Type = 'string'; ValidateSet = @('Correct-Battery-Horse', 'Classic') }
                @{ Name = 'List'; Type = 'switch' }
            )
            Handler = 'Invoke-CIPPPasswordSettingsHook'
        }
        @{
            Name = 'Set-CIPPTenantGroup'
            Folder = 'CIPP/Settings'
            Synopsis = 'Creates or changes a CIPP tenant group (a static or dynamic set of tenants).'
            Method = 'POST'
            Endpoint = '/api/ExecTenantGroup'
            Parameters = @(
                @{ Name = 'GroupName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupId'; Type = 'string' }
                @{ Name = 'GroupDescription'; Type = 'string' }
                @{ Name = 'GroupType'; Type = 'string'; Default = "'static'"; ValidateSet = @('static', 'dynamic') }
                @{ Name = 'Members'; Type = 'array' }
            )
            Body = @{
                Action = "'AddEdit'"
                groupId = '$GroupId ? $GroupId : [guid]::NewGuid().ToString()'
                groupName = '$GroupName'
                groupDescription = '$GroupDescription'
                groupType = '$GroupType'
                members = '$Members'
            }
        }
        @{
            Name = 'Get-CIPPPendingWebhooks'
            Folder = 'CIPP/Webhooks'
            Synopsis = 'Gets pending webhooks.'
            Method = 'GET'
            Endpoint = '/api/ListPendingWebhooks'
        }
    )
}
