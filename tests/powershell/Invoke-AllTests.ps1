# Runs every Pester suite in this folder in one pwsh process and ends with the plain summary line
# "N passed, N failed" (and skipped). Exits non-zero when anything failed or nothing ran.
param(
    [string[]]$Path = @($PSScriptRoot),
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string]$Verbosity = 'Normal'
)
$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.5
"PowerShell $($PSVersionTable.PSVersion) on $([Runtime.InteropServices.RuntimeInformation]::OSDescription) " +
"($([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture)), Pester $((Get-Module Pester).Version)" | Write-Host

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = $Verbosity
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'target/pester-results.xml'
$result = Invoke-Pester -Configuration $config

Write-Host ''
Write-Host ("{0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $result.FailedCount, $result.SkippedCount)
if ($result.FailedCount -gt 0 -or $result.PassedCount -eq 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
