# Sequential `Get-CIPPLogs -Severity Error` calls against the hand-written HttpClient loop, in the same pwsh.
# The runner sizes the mock's ListLogs so that each answer has BENCH_ROWS rows (1 or 200).
#   BENCH_CALLS  calls per measured batch (default 500)
#   BENCH_SCALE  when set (e.g. "1,100,10000"): one batch per count instead, each bounded by BENCH_BUDGET_S seconds
#                (default 60) per path; prints the calls made and the per-call ms of each.
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'httpclient.ps1')
Initialize-HttpClientBaseline
$expected = [int]($env:BENCH_ROWS ?? 1)
$ours = @(Get-CIPPLogs -Severity Error)
$theirs = @(Invoke-HttpClientBaseline)
if ($ours.Count -ne $expected -or $theirs.Count -ne $expected) { throw "expected $expected rows, got $($ours.Count) (module) and $($theirs.Count) (baseline)" }
# Warm both paths past .NET tiered JIT and PowerShell's compile thresholds before timing.
foreach ($i in 1..200) { $x = Get-CIPPLogs -Severity Error; $x = Invoke-HttpClientBaseline }

function Measure-Batch([scriptblock]$Call, [int]$Count, [double]$Budget) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $done = 0
    while ($done -lt $Count -and $sw.Elapsed.TotalSeconds -lt $Budget) { $x = & $Call; $done++ }
    [pscustomobject]@{ calls = $done; s = $sw.Elapsed.TotalSeconds }
}
$module = { Get-CIPPLogs -Severity Error }
$baseline = { Invoke-HttpClientBaseline }
if ($env:BENCH_SCALE) {
    # First use of the measuring function itself, outside the figures.
    $null = Measure-Batch $module 1 1; $null = Measure-Batch $baseline 1 1
    $budget = [double]($env:BENCH_BUDGET_S ?? 60)
    $out = foreach ($n in $env:BENCH_SCALE -split ',') {
        $m = Measure-Batch $module ([int]$n) $budget
        $b = Measure-Batch $baseline ([int]$n) $budget
        [ordered]@{ n = [int]$n; module_calls = $m.calls; module_ms = 1000 * $m.s / $m.calls; baseline_calls = $b.calls; baseline_ms = 1000 * $b.s / $b.calls }
    }
    [pscustomobject]@{ rows = $expected; scale = @($out) } | ConvertTo-Json -Compress -Depth 4
    return
}
# Inline loops, the way a script would write them (no script block invocation per call), interleaved in chunks of
# 50 calls so that both paths see the same load on a busy machine.
$n = [int]($env:BENCH_CALLS ?? 500)
$chunk = [math]::Min(50, $n)
$moduleS = 0.0; $baselineS = 0.0
$sw = [Diagnostics.Stopwatch]::new()
for ($done = 0; $done -lt $n; $done += $chunk) {
    $sw.Restart()
    foreach ($i in 1..$chunk) { $x = Get-CIPPLogs -Severity Error }
    $moduleS += $sw.Elapsed.TotalSeconds
    $sw.Restart()
    foreach ($i in 1..$chunk) { $x = Invoke-HttpClientBaseline }
    $baselineS += $sw.Elapsed.TotalSeconds
}
[pscustomobject]@{ rows = $expected; calls = $n; module_s = $moduleS; baseline_s = $baselineS } | ConvertTo-Json -Compress
