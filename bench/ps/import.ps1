# Import-Module in this fresh pwsh process: BENCH_MODULE (a manifest path; default: the source tree's module),
# timed in-process with a Stopwatch around Import-Module.
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$module = $env:BENCH_MODULE ?? (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1')
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module $module
$ms = $sw.Elapsed.TotalMilliseconds
$count = @(Get-Command -Module CIPPAPIModule).Count
[pscustomobject]@{ import_ms = $ms; commands = $count } | ConvertTo-Json -Compress
