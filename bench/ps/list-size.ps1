# One big ListLogs answer in a fresh pwsh (the runner sizes today's rows): BENCH_MODE=variable (`$x = Get-CIPPLogs`)
# or csv (`Get-CIPPLogs | Export-Csv`). Prints the wall time, the process's RSS after importing the module and
# before the call (the reference), and its peak RSS after the call.
. (Join-Path $PSScriptRoot 'common.ps1')
$csv = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) "target/bench-list-$PID.csv"
# A first small call so connection setup and first-use JIT are not part of the figure.
$null = Get-CIPPLogs -Severity critical -DateFilter 19700101
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$before = $process.WorkingSet64
$peakBefore = $process.PeakWorkingSet64
$sw = [Diagnostics.Stopwatch]::StartNew()
if ($env:BENCH_MODE -eq 'csv') {
    Get-CIPPLogs | Export-Csv -LiteralPath $csv -NoTypeInformation
} else {
    $x = Get-CIPPLogs
    $rows = @($x).Count
}
$seconds = $sw.Elapsed.TotalSeconds
$process.Refresh()
$peak = $process.PeakWorkingSet64
if ($env:BENCH_MODE -eq 'csv') { $rows = @(Import-Csv -LiteralPath $csv).Count; Remove-Item $csv }
[pscustomobject]@{
    mode = $env:BENCH_MODE; rows = $rows; s = $seconds
    rss_before_mb = $before / 1MB; peak_before_mb = $peakBefore / 1MB; peak_mb = $peak / 1MB
} | ConvertTo-Json -Compress
