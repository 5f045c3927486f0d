# CIPPAPIModule command catalog: Core commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Invoke-CIPPRestMethod'
            Folder = ''
            Synopsis = 'Runs rest method.'
            HandWritten = $true
        }
        @{
            Name = 'Set-CIPPAPIDetails'
            Folder = ''
            Synopsis = 'Changes API details.'
            HandWritten = $true
        }
        # Additions (not in 1.2.12; listed in powershell/COMPATIBILITY.md): endpoint catalog search and fan-out.
        @{
            Name = 'Get-CIPPEndpoint'
            Folder = ''
            Synopsis = 'Searches the built-in catalog of CIPP API endpoints.'
            HandWritten = $true
        }
        @{
            Name = 'Invoke-CIPPForEachTenant'
            Folder = ''
            Synopsis = 'Runs the same call for many tenants at once.'
            HandWritten = $true
        }
        # Additions (not in 1.2.12; listed in powershell/COMPATIBILITY.md): Graph paging and queue waiting (core).
        @{
            Name = 'Get-CIPPGraphRequestAll'
            Folder = ''
            Synopsis = 'Reads every page of a Graph list through ListGraphRequest, following Metadata.nextLink.'
            HandWritten = $true
        }
        @{
            Name = 'Wait-CIPPQueue'
            Folder = ''
            Synopsis = 'Waits until a CIPP queue item has finished and returns it.'
            HandWritten = $true
        }
    )
}
