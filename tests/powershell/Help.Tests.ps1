#Requires -Version 7.0
# Every exported command has help: synopsis, description, every parameter described, at least two examples, an
# OUTPUTS section, and Get-Help -Full renders it; the about_CIPPAPIModule topic resolves after import.

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
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        ($help.returnValues.returnValue.type.name -join ' ') | Should -Not -BeNullOrEmpty -Because 'every command documents its OUTPUTS'
        ($help.Description.Text -join ' ') | Should -Not -Match 'through Invoke-CIPPRestMethod'
        foreach ($e in @($help.Examples.Example)) {
            ($e.Code + ($e.Remarks.Text -join ' ')) | Should -Not -BeNullOrEmpty
            $e.Code | Should -Match ([regex]::Escape($Name))
        }
        $cmd = Get-Command -Name $Name
        foreach ($p in $cmd.Parameters.Keys | Where-Object { $_ -notin $script:Common }) {
            $ph = $help.Parameters.Parameter | Where-Object Name -EQ $p
            $text = $ph.Description.Text -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
            $text | Should -Not -Match 'sent as (query|body) key|only in some cases' -Because "-$p should say what the value means"
        }
    }
}

Describe 'about_CIPPAPIModule' {
    It 'resolves after import and covers setup, fan-out, safety and troubleshooting' {
        $topic = Get-Help about_CIPPAPIModule -ErrorAction Stop | Out-String
        $topic | Should -Match 'Function App'
        $topic | Should -Match ([regex]::Escape('api://{clientId}/.default'))
        $topic | Should -Match 'Set-CIPPAPIDetails'
        $topic | Should -Match 'Invoke-CIPPForEachTenant'
        $topic | Should -Match '-ReadOnly'
        $topic | Should -Match '-AllowedEndpoint'
        $topic | Should -Match '-WhatIf'
        $topic | Should -Match 'Test-CIPPApiConnection -Diagnose'
    }

    It 'ships with the package (scripts/package.ps1 copies en-US)' {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        Get-Content (Join-Path $root 'scripts/package.ps1') -Raw | Should -Match "'en-US'"
        Test-Path (Join-Path $root 'powershell/CIPPAPIModule/en-US/about_CIPPAPIModule.help.txt') | Should -BeTrue
    }
}
