# Import-Module of the whole module in this fresh pwsh process.
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1')
$ms = $sw.Elapsed.TotalMilliseconds
$count = @(Get-Command -Module CIPPAPIModule).Count
[pscustomobject]@{ import_ms = $ms; commands = $count } | ConvertTo-Json -Compress
