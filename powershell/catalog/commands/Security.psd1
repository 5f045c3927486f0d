# CIPPAPIModule command catalog: Security commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPDefenderOnboarding'
            Folder = 'Security/Defender'
            Synopsis = 'Gets the Microsoft Defender for Endpoint onboarding status of a customer tenant.'
            Aliases = @('Get-CIPPMDEOnboarding')
            Method = 'GET'
            Endpoint = '/api/ListMDEOnboarding'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
            # contract note: UseReportDB always sent (True/False)
        }
        @{
            Name = 'Get-CIPPDefenderState'
            Folder = 'Security/Defender'
            Synopsis = 'Gets defender state for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listdefenderstate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'guid'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: CustomerTenantID typed [guid] (domain names rejected)
        }
        @{
            Name = 'Get-CIPPDefenderTVM'
            Folder = 'Security/Defender'
            Synopsis = 'Gets defender TVM for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listdefendertvm'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPSafeLinksPolicyTemplates'
            Folder = 'Security/Defender'
            Synopsis = 'Gets safe links policy templates.'
            Method = 'GET'
            Endpoint = '/api/ListSafeLinksPolicyTemplates'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string' }
            )
            QueryIf = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Remove-CIPPSafeLinksPolicyTemplate'
            Folder = 'Security/Defender'
            Synopsis = 'Deletes a saved Safe Links policy template from CIPP.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveSafeLinksPolicyTemplate'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPAlertsList'
            Folder = 'Security/Incidents'
            Synopsis = 'Gets alerts list for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/execalertslist'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPAlertsQueue'
            Folder = 'Security/Incidents'
            Synopsis = 'Gets alerts queue for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAlertsQueue'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            # contract note: CustomerTenantID mandatory but unused
        }
        @{
            Name = 'Get-CIPPIncidentList'
            Folder = 'Security/Incidents'
            Synopsis = 'Gets incident list for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/execincidentslist'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPBreachSearch'
            Folder = 'Security/Reports'
            Synopsis = 'Gets breach search for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ExecBreachSearch'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            # Addition (contract section 8): CIPP 10.x reads tenantFilter from the body.
            Body = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPBreachesAccount'
            Folder = 'Security/Reports'
            Synopsis = 'Gets breaches account for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListBreachesAccount'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AccountOrDomain'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                account = '$AccountOrDomain'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPBreachesTenant'
            Folder = 'Security/Reports'
            Synopsis = 'Gets breaches tenant for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListBreachesTenant'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPDeviceCompliance'
            Folder = 'Security/Reports'
            Synopsis = 'Gets device compliance for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listalltenantdevicecompliance'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
    )
}
