# One big ListLogs answer (the runner configures 50 000 rows for today), read in a fresh process
# so that peak memory belongs to one path: BENCH_MODE=module (Get-CIPPLogs) or baseline
# (the community module's Invoke-RestMethod path).
. (Join-Path $PSScriptRoot 'common.ps1')
$today = Get-Date -Format 'yyyyMMdd'
$sw = [Diagnostics.Stopwatch]::StartNew()
if ($env:BENCH_MODE -eq 'baseline') {
    Initialize-CommunityStyle
    $sw.Restart()
    $rows = @(Invoke-CommunityStyle -Endpoint '/api/ListLogs' -Params @{ Filter = $true; DateFilter = $today; StartDate = ''; EndDate = '' })
} else {
    $rows = @(Get-CIPPLogs -DateFilter $today)
}
$seconds = $sw.Elapsed.TotalSeconds
$bytes = ([Text.Encoding]::UTF8.GetByteCount(($rows | Select-Object -First 100 | ConvertTo-Json -Compress -Depth 5)) / [math]::Max(1, [math]::Min(100, $rows.Count))) * $rows.Count
$rss = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
[pscustomobject]@{ mode = $env:BENCH_MODE; rows = $rows.Count; s = $seconds; rss_mb = $rss; bytes = $bytes } | ConvertTo-Json -Compress
