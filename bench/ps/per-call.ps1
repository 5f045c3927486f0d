# N sequential small GETs: the module vs the community module's per-call work.
. (Join-Path $PSScriptRoot 'common.ps1')
$n = [int]($env:BENCH_CALLS ?? 500)
Initialize-CommunityStyle
# Warm both paths well past .NET tiered JIT and PowerShell compile thresholds before timing.
foreach ($i in 1..300) {
    $null = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }
    $null = Invoke-CommunityStyle -Endpoint '/api/ListApiTest' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }
}
$sw = [Diagnostics.Stopwatch]::StartNew()
foreach ($i in 1..$n) {
    $null = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }
}
$module = $sw.Elapsed.TotalSeconds
$sw.Restart()
foreach ($i in 1..$n) {
    $null = Invoke-CommunityStyle -Endpoint '/api/ListApiTest' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }
}
$baseline = $sw.Elapsed.TotalSeconds
[pscustomobject]@{ calls = $n; module_s = $module; baseline_s = $baseline } | ConvertTo-Json -Compress
