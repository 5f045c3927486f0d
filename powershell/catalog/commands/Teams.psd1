# CIPPAPIModule command catalog: Teams commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPTeamsLisLocation'
            Folder = 'Teams/Voice'
            Synopsis = 'Gets teams lis location for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTeamsLisLocation'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
    )
}
