# CIPPAPIModule command catalog: Extensions commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Get-CIPPExtensionMapping'
            Folder = 'Extensions'
            Synopsis = 'Lists how customer tenants are mapped to companies in an integration (for example a PSA).'
            Method = 'GET'
            Endpoint = '/api/ExecExtensionMapping'
            Parameters = @(
                @{ Name = 'ExtensionName'; Type = 'string'; Mandatory = $true; ValidateSet = @('HaloPSA', 'NinjaOne', 'NinjaOneFields', 'Hudu', 'HuduFields') }
            )
            Query = @{
                List = '$ExtensionName'
            }
        }
        @{
            Name = 'Get-CIPPHaloClients'
            Folder = 'Extensions/HaloPSA'
            Synopsis = 'Gets halo clients.'
            Method = 'GET'
            Endpoint = '/api/ListHaloClients'
        }
        @{
            Name = 'Set-CIPPExtensionMappingHaloPSA'
            Folder = 'Extensions/HaloPSA'
            Synopsis = 'Maps a customer tenant to a HaloPSA client.'
            Method = 'POST'
            Endpoint = '/api/ExecExtensionMapping'
            Parameters = @(
                @{ Name = 'HaloClientID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'HaloClientName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TenantID'; Type = 'string'; Mandatory = $true }
            )
            Handler = 'Invoke-CIPPHaloPSAMappingHook'
            Example = "Set-CIPPExtensionMappingHaloPSA -HaloClientID '42' -HaloClientName 'Contoso Ltd' -TenantID 'contoso.onmicrosoft.com'"
        }
        @{
            Name = 'Set-CIPPNinjaOneQueue'
            Folder = 'Extensions/NinjaOne'
            Synopsis = 'Queues a NinjaOne integration task in CIPP: automatic company mapping, mapping one tenant, or syncing a tenant.'
            Method = 'POST'
            Endpoint = '/api/ExecExtensionNinjaOneQueue'
            Parameters = @(
                @{ Name = 'NinjaAction'; Type = 'string'; Mandatory = $true; ValidateSet = @('StartAutoMapping', 'AutoMapTenant', 'SyncTenant') }
            )
            Body = @{
                operation = '$NinjaAction'
            }
        }
        @{
            Name = 'Get-CIPPExtensionsConfig'
            Folder = 'Extensions/Settings'
            Synopsis = 'Gets extensions config.'
            Method = 'GET'
            Endpoint = '/api/ListExtensionsConfig'
        }
    )
}
