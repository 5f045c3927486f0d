# CIPPAPIModule command catalog: Teams-Sharepoint commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPSharepointAdminUrl'
            Folder = 'Teams-Sharepoint'
            Synopsis = 'Gets the SharePoint admin URL of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListSharepointAdminUrl'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ReturnUrl'; Type = 'switch' }
            )
            Query = @{
                TenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                ReturnUrl = @{ If = '$ReturnUrl'; Value = '$true' }
            }
        }
        @{
            Name = 'Get-CIPPOneDriveList'
            Folder = 'Teams-Sharepoint/OneDrive'
            Synopsis = 'Lists the OneDrive accounts of a customer tenant with their usage.'
            Method = 'GET'
            Endpoint = '/api/listsites'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'urlonly'; Type = 'switch' }
                @{ Name = 'UserUPN'; Type = 'string' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                type = "'OneDriveUsageAccount'"
                userupn = '$UserUPN'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
                URLOnly = @{ If = '$urlonly'; Value = "'true'" }
            }
        }
        @{
            Name = 'Set-CIPPOneDrivePerms'
            Folder = 'Teams-Sharepoint/OneDrive'
            Synopsis = 'Gives or removes access to a user''s OneDrive.'
            Method = 'POST'
            Endpoint = '/api/ExecSharePointPerms'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'OneDriveUserUPN'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RemovePermission'; Type = 'bool'; Mandatory = $true }
                @{ Name = 'GiveAccessToUPN'; Type = 'string'; Mandatory = $true }
            )
            # Fix (contract section 7 row 5): URL is always null (1.2.12 read an undefined variable).
            Body = @{
                TenantFilter = '$CustomerTenantID'
                UPN = '$OneDriveUserUPN'
                URL = '$null'
                RemovePermission = '$RemovePermission'
                input = '$GiveAccessToUPN'
            }
        }
        @{
            Name = 'Set-CIPPOneDriveShortCut'
            Folder = 'Teams-Sharepoint/OneDrive'
            Synopsis = 'Adds a OneDrive shortcut to a SharePoint site for a user.'
            Method = 'POST'
            Endpoint = '/api/ExecOneDriveShortCut'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'guid' }
                @{ Name = 'SharePointURL'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                username = '$Username'
                userid = '$UserID'
                siteUrl = '@{ value = $SharePointURL }'
            }
        }
        @{
            Name = 'Add-CIPPSharePointSite'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Creates a SharePoint site (communication or team site) in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddSite'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Description'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Owner'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SiteDesign'; Type = 'string'; Default = "'Showcase'"; ValidateSet = @('Topic', 'Showcase', 'Blank', 'Custom') }
                @{ Name = 'TemplateName'; Type = 'string'; Default = "'Communication'"; ValidateSet = @('Communication', 'Team') }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                siteName = '$DisplayName'
                siteDescription = '$Description'
                siteOwner = '@{ value = $Owner }'
                siteDesign = '@{ value = $SiteDesign }'
                TemplateName = '@{ value = $TemplateName }'
            }
        }
        @{
            Name = 'Get-CIPPSharePointQuota'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Gets share point quota for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listsharepointquota'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPSharePointSites'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Lists the SharePoint sites of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listsites'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'urlonly'; Type = 'switch' }
                @{ Name = 'UserUPN'; Type = 'string' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                type = "'SharePointSiteUsage'"
                userupn = '$UserUPN'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
                URLOnly = @{ If = '$urlonly'; Value = "'true'" }
            }
        }
        @{
            Name = 'Remove-CIPPSharePointSite'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Deletes a SharePoint site from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/DeleteSharepointSite'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SiteId'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                SiteId = '$SiteId.ToString()'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPSharePointSiteAdmin'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Adds or removes a site collection administrator of a SharePoint site.'
            Method = 'POST'
            Endpoint = '/api/ExecSharePointPerms'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'CurrentAdminUPN'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SiteUrl'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RemovePermission'; Type = 'bool'; Mandatory = $true }
                @{ Name = 'AdditionalAdminUPN'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                input = '$AdditionalAdminUPN'
                RemovePermission = '$RemovePermission'
                TenantFilter = '$CustomerTenantID'
                UPN = '$CurrentAdminUPN'
                URL = '$SiteUrl'
            }
        }
        @{
            Name = 'Set-CIPPSharePointSiteMembers'
            Folder = 'Teams-Sharepoint/Sharepoint'
            Synopsis = 'Adds or removes a member of a SharePoint site.'
            Method = 'POST'
            Endpoint = '/api/ExecSetSharePointMember'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SharePointType'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SiteUrl'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AddPermission'; Type = 'bool'; Mandatory = $true }
                @{ Name = 'GroupUPN'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserToGiveAccessUPN'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                add = '$AddPermission'
                GroupId = '$GroupUPN'
                input = '$UserToGiveAccessUPN'
                SharePointType = '$SharePointType'
                TenantFilter = '$CustomerTenantID'
                URL = '$SiteUrl'
            }
        }
        @{
            Name = 'Add-CIPPTeam'
            Folder = 'Teams-Sharepoint/Teams'
            Synopsis = 'Creates a Microsoft Teams team in a customer tenant, with an owner and a visibility.'
            Method = 'POST'
            Endpoint = '/api/AddTeam'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Description'; Type = 'string' }
                @{ Name = 'Visibility'; Type = 'string'; Mandatory = $true; ValidateSet = @('private', 'public') }
                @{ Name = 'Owner'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                description = '$Description'
                displayName = '$DisplayName'
                owner = '$Owner'
                tenantID = '$CustomerTenantID'
                visibility = '$Visibility'
            }
        }
        @{
            Name = 'Get-CIPPTeams'
            Folder = 'Teams-Sharepoint/Teams'
            Synopsis = 'Gets teams for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listteams'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ID'; Type = 'string' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                type = '$ID ? ''team'' : ''list'''
                ID = '$ID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPTeamsActivity'
            Folder = 'Teams-Sharepoint/Teams'
            Synopsis = 'Gets teams activity for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listteamsactivity'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                type = "'TeamsUserActivityUser'"
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPTeamsVoice'
            Folder = 'Teams-Sharepoint/Teams'
            Synopsis = 'Gets teams voice for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listteamsvoice'
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
    )
}
