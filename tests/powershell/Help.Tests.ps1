#Requires -Version 7.0
# Every exported command has comment-based help: synopsis, description, every parameter described, an example,
# and Get-Help -Full renders it.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $manifest = Import-PowerShellDataFile (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1')
    $script:HelpCases = @($manifest.FunctionsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-CippModuleForTest -ErrorAction Stop
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

AfterAll {
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
}

Describe 'Help for <Name>' -ForEach $HelpCases {
    It 'has a synopsis, a description, a described parameter list and an example' {
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $help | Out-String | Should -Not -BeNullOrEmpty
        # Without comment-based help, PowerShell fills the synopsis with the syntax line.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s"
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 1
        $cmd = Get-Command -Name $Name
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin $script:Common }) {
            $ph = $help.Parameters.Parameter | Where-Object Name -EQ $p
            ($ph.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }
}
