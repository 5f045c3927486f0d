# Where one `Get-CIPPLogs -Severity Error` call goes (BENCH_ROWS-row answers, 1 or 200; the runner sizes the mock),
# warm, in one pwsh:
# each layer timed over BENCH_CALLS calls, interleaved in chunks of 50 like calls.ps1:
#   native       the binding's CippClient.GetLogs (token from cache, request, response), no PowerShell function
#   native async GetLogsAsync waited for in .NET (GetAwaiter().GetResult(): the callback thread's hop)
#   native token  the blocking GetLogs that a CancellationToken cancels (how the engine waits)
#   engine       the module's compiled engine as a command (Invoke-CIPPRequest: native call, wait, JSON, output)
#   +json        native, then [CippApi.CippJson]::TryConvertFromJson of the answer
#   module       Get-CIPPLogs -Severity Error
#   Invoke-CIPPRestMethod  the same request through Invoke-CIPPRestMethod -Params (the path of the generated commands)
#   httpclient   the hand-written loop (httpclient.ps1)
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'httpclient.ps1')
Initialize-HttpClientBaseline
$expected = [int]($env:BENCH_ROWS ?? 1)
$rows = @(Get-CIPPLogs -Severity Error).Count
if ($rows -ne $expected) { throw "expected $expected rows, got $rows" }
$module = Get-Module CIPPAPIModule
$client = & $module { $script:CIPPClient }
$today = Get-Date -Format 'yyyyMMdd'
$stop = [Threading.CancellationTokenSource]::new()
# The query Get-CIPPLogs -Severity Error sends, for the generic path of the generated commands.
$logParams = @{ Filter = 'True'; DateFilter = $today; StartDate = ''; EndDate = ''; Severity = 'error' }
$logPairs = [CippApi.InvokeCippRequestCommand]::QueryPairs($logParams)
$paths = [ordered]@{
    native        = { $r = $client.GetLogs('error', $today, $null, $null) }
    'native token' = { $r = $client.GetLogs('error', $today, $null, $null, $stop.Token) }
    'native async' = { $r = $client.GetLogsAsync('error', $today, $null, $null, [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
    engine        = { $r = & $module { param($c, $q) & $script:CIPPRequestCommand -Client $c -Endpoint '/api/ListLogs' -Query $q -Body '{}' } $client $logPairs }
    '+json'       = { $r = $client.GetLogs('error', $today, $null, $null); $v = $null; $null = [CippApi.CippJson]::TryConvertFromJson($r, [ref]$v) }
    module        = { $x = Get-CIPPLogs -Severity Error }
    'Invoke-CIPPRestMethod' = { $x = Invoke-CIPPRestMethod -Endpoint '/api/ListLogs' -Params $logParams }
    httpclient    = { $x = Invoke-HttpClientBaseline }
}
foreach ($p in $paths.Values) { foreach ($i in 1..200) { & $p } }
$n = [int]($env:BENCH_CALLS ?? 500)
$total = [ordered]@{}; foreach ($k in $paths.Keys) { $total[$k] = 0.0 }
$sw = [Diagnostics.Stopwatch]::new()
for ($done = 0; $done -lt $n; $done += 50) {
    foreach ($k in $paths.Keys) {
        $p = $paths[$k]
        $sw.Restart()
        foreach ($i in 1..50) { & $p }
        $total[$k] += $sw.Elapsed.TotalMilliseconds
    }
}
$out = [ordered]@{}; foreach ($k in $paths.Keys) { $out[$k] = $total[$k] / $n }
[pscustomobject]$out | ConvertTo-Json -Compress
