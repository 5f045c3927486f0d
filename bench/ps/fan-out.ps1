# One call per tenant for N tenants: native fan-out vs a sequential loop (skipped when BENCH_SEQUENTIAL=0).
. (Join-Path $PSScriptRoot 'common.ps1')
$throttle = [int]($env:BENCH_THROTTLE ?? 16)
$tenants = @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').defaultDomainName |
    Select-Object -First ([int]($env:BENCH_TENANTS ?? 200))
$sw = [Diagnostics.Stopwatch]::StartNew()
$results = @($tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -ThrottleLimit $throttle)
$fanout = $sw.Elapsed.TotalSeconds
if (@($results.CIPPTenant | Sort-Object -Unique).Count -ne $tenants.Count) { throw 'fan-out lost tenants' }
$sequential = $null
if ($env:BENCH_SEQUENTIAL -ne '0') {
    $sw.Restart()
    foreach ($t in $tenants) { $null = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest' -Params @{ tenantFilter = $t } }
    $sequential = $sw.Elapsed.TotalSeconds
}
[pscustomobject]@{ tenants = $tenants.Count; fanout_s = $fanout; sequential_s = $sequential } | ConvertTo-Json -Compress
