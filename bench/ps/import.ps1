# Import-Module in this fresh pwsh process: BENCH_MODULE (a manifest path; default: the source tree's module),
# timed in-process with a Stopwatch around Import-Module. Nothing runs before it (no cmdlet, so no other module is
# autoloaded first): the import pays what it pays as the first line of a user's script.
$module = $env:BENCH_MODULE
if (-not $module) { $module = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')) }
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module $module
$ms = $sw.Elapsed.TotalMilliseconds
$count = @(Get-Command -Module CIPPAPIModule).Count
[pscustomobject]@{ import_ms = $ms; commands = $count } | ConvertTo-Json -Compress
