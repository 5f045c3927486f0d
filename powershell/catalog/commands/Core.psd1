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
    )
}
