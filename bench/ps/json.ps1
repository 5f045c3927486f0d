# ConvertFrom-Json against [CippApi.CippJson] on one big ListLogs answer (the mock configured for 50 000 log rows a day
# answers ~44 000 rows, ~20 MB of JSON).
#
# Starts target/debug/cipp-mock (tests/powershell/TestHelpers.psm1), then for each run and mode starts a fresh pwsh that
# imports the module from the source tree, GETs today's ListLogs through a CippClient (the module's own response path:
# the body arrives as UTF-8 bytes) and converts it:
#   convertfrom-json  ConvertFrom-Json -InputObject $response.Body -NoEnumerate   (what the module does today; reading
#                     .Body decodes the bytes to a string first)
#   cippjson          [CippApi.CippJson]::TryConvertFromJson($response, [ref]$value)   (parses the bytes)
# Each process prints the conversion's wall time, the process's peak working set before and after the conversion,
# and the bytes the conversion allocated; a process per measurement keeps the peaks apart.
#
# Run: /work/shared/tools/pwsh -NoProfile -File bench/ps/json.ps1 [-RowsPerDay 50000] [-Runs 3] [-SaveBody file]
[CmdletBinding()]
param(
    [int]$RowsPerDay = 50000,
    [int]$Runs = 3,
    [string[]]$Mode = @('convertfrom-json', 'cippjson'),
    # Also write the ListLogs body to this file (for profiling).
    [string]$SaveBody
)
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
Import-Module ([System.IO.Path]::Combine($root, 'tests', 'powershell', 'TestHelpers.psm1')) -Force

$child = @'
$ErrorActionPreference = 'Stop'
$null = Import-Module $env:BENCH_MODULE
$settings = [System.Collections.Generic.Dictionary[string, string]]::new()
$settings['authority_host'] = $env:BENCH_HTTP
$client = [CippApi.CippClient]::new($env:BENCH_CLIENT_ID, $env:BENCH_CLIENT_SECRET, $env:BENCH_HTTP, $env:BENCH_TENANT_ID, $settings)
$response = $client.GetLogs($null, $null, $null, $null)
if ($response.StatusCode -ne 200) { throw "ListLogs answered $($response.StatusCode)" }
if ($env:BENCH_SAVE_BODY) { [System.IO.File]::WriteAllText($env:BENCH_SAVE_BODY, $response.Body); return }
# Warm both paths on a small body so JIT and first-use costs stay out of the measurement.
$small = [System.Text.Encoding]::UTF8.GetBytes('[{"DateTime":"2026-01-01T00:00:00.1234567+00:00","LogData":{"a":[1,2.5,null,true]}}]')
$null = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString($small)) -NoEnumerate
$warm = $null; $null = [CippApi.CippJson]::TryConvertFromJson($small, [ref]$warm)
[System.GC]::Collect(); [System.GC]::WaitForPendingFinalizers(); [System.GC]::Collect()
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$before = $process.PeakWorkingSet64
$allocated = [System.GC]::GetTotalAllocatedBytes($true)
$sw = [System.Diagnostics.Stopwatch]::StartNew()
if ($env:BENCH_MODE -eq 'cippjson') {
    $value = $null
    if (-not [CippApi.CippJson]::TryConvertFromJson($response, [ref]$value)) { throw 'CippJson declined the body' }
} else {
    $value = ConvertFrom-Json -InputObject $response.Body -NoEnumerate
}
$seconds = $sw.Elapsed.TotalSeconds
$allocated = [System.GC]::GetTotalAllocatedBytes($true) - $allocated
$process.Refresh()
[ordered]@{
    mode = $env:BENCH_MODE; rows = $value.Count; body_mb = [math]::Round($response.BodyLength / 1MB, 1)
    seconds = [math]::Round($seconds, 3); peak_ws_before_mb = [math]::Round($before / 1MB)
    peak_ws_mb = [math]::Round($process.PeakWorkingSet64 / 1MB); allocated_mb = [math]::Round($allocated / 1MB)
} | ConvertTo-Json -Compress
'@

$mock = Start-CippMock
try {
    Set-CippMockConfig -Mock $mock -Config @{ log_rows_per_day = $RowsPerDay } | Out-Null
    $environment = @{
        BENCH_MODULE = [System.IO.Path]::Combine($root, 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
        BENCH_HTTP = $mock.http; BENCH_CLIENT_ID = $mock.client_id; BENCH_CLIENT_SECRET = $mock.client_secret
        BENCH_TENANT_ID = $mock.tenant_id
        CIPPAPI_NATIVE_PATH = [System.IO.Path]::Combine($root, 'target', 'release', $(if ($IsWindows) { 'cippapi.dll' } elseif ($IsMacOS) { 'libcippapi.dylib' } else { 'libcippapi.so' }))
        CIPPAPI_CACHE_DIR = [System.IO.Path]::Combine($root, 'target', 'pwsh-binding-cache')
    }
    if (-not [System.IO.File]::Exists($environment.CIPPAPI_NATIVE_PATH)) { $environment.CIPPAPI_NATIVE_PATH = Get-CippNativeLibraryPath }
    # Compile (or find) the binding once, outside the measurements.
    $warm = Invoke-CippChildPwsh -Script "Import-Module `$env:BENCH_MODULE; 'ok'" -Environment $environment
    if ($warm.ExitCode -ne 0) { throw "Importing the module failed: $($warm.Output)" }
    if ($SaveBody) {
        $environment.BENCH_SAVE_BODY = [System.IO.Path]::GetFullPath($SaveBody)
        $r = Invoke-CippChildPwsh -Script $child -Environment $environment
        if ($r.ExitCode -ne 0) { throw "Saving the body failed: $($r.Output)" }
        $environment.BENCH_SAVE_BODY = $null
    }
    $results = foreach ($run in 1..$Runs) {
        foreach ($m in $Mode) {
            $environment.BENCH_MODE = $m
            $r = Invoke-CippChildPwsh -Script $child -Environment $environment
            if ($r.ExitCode -ne 0) { throw "The $m run failed: $($r.Output)" }
            $line = ($r.StdOut -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1)
            $line | ConvertFrom-Json
        }
    }
    $results | Format-Table -AutoSize | Out-Host
    foreach ($m in $Mode) {
        $mine = @($results | Where-Object mode -EQ $m)
        $s = @($mine.seconds | Sort-Object)[[int][math]::Floor($mine.Count / 2)]
        $p = @($mine.peak_ws_mb | Sort-Object)[[int][math]::Floor($mine.Count / 2)]
        [pscustomobject]@{ mode = $m; median_seconds = $s; median_peak_ws_mb = $p; rows = $mine[0].rows; body_mb = $mine[0].body_mb }
    }
} finally {
    Stop-CippMock -Mock $mock
}
