# Micro-costs of the pieces of a 1-row Get-CIPPLogs call, in one warm pwsh (used to choose remedies; not a
# target figure): each piece is timed over BENCH_CALLS iterations interleaved in chunks of 50, as wall time and as
# this process's CPU time (less sensitive to other load on the machine; the native runtime's threads are in it).
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'httpclient.ps1')
Initialize-HttpClientBaseline
$module = Get-Module CIPPAPIModule
$client = & $module { $script:CIPPClient }
$today = Get-Date -Format 'yyyyMMdd'
$none = [NullString]::Value
$stop = [Threading.CancellationToken]::None
$r0 = $client.GetLogs('error', $today, $null, $null)
function Test-Empty { [CmdletBinding()] param([ValidateSet('error', 'alert')][string]$Severity, [string]$DateFilter = ([datetime]::Now.ToString('yyyyMMdd')), [string]$StartDate, [string]$EndDate) }
function Test-GetDate { [CmdletBinding()] param([string]$DateFilter = (Get-Date -Format 'yyyyMMdd')) }
$paths = [ordered]@{
    'empty scriptblock'      = { }
    'advanced function'      = { Test-Empty -Severity Error }
    'Get-Date default'       = { Test-GetDate }
    'native sync'            = { $r = $client.GetLogs('error', $none, $none, $none) }
    'native async .NET wait' = { $r = $client.GetLogsAsync('error', $none, $none, $none, $stop).GetAwaiter().GetResult() }
    'json of the answer'     = { $v = $null; $null = [CippApi.CippJson]::TryConvertFromJsonStreamed($r0, [ref]$v) }
    'Get-CIPPLogs'           = { $x = Get-CIPPLogs -Severity Error }
    'httpclient'             = { $x = Invoke-HttpClientBaseline }
}
foreach ($p in $paths.Values) { foreach ($i in 1..200) { & $p } }
$n = [int]($env:BENCH_CALLS ?? 1000)
$wall = [ordered]@{}; $cpu = [ordered]@{}; foreach ($k in $paths.Keys) { $wall[$k] = 0.0; $cpu[$k] = 0.0 }
$self = [Diagnostics.Process]::GetCurrentProcess()
$sw = [Diagnostics.Stopwatch]::new()
for ($done = 0; $done -lt $n; $done += 50) {
    foreach ($k in $paths.Keys) {
        $p = $paths[$k]
        $self.Refresh(); $c0 = $self.TotalProcessorTime
        $sw.Restart()
        foreach ($i in 1..50) { & $p }
        $wall[$k] += $sw.Elapsed.TotalMilliseconds
        $self.Refresh(); $cpu[$k] += ($self.TotalProcessorTime - $c0).TotalMilliseconds
    }
}
$out = [ordered]@{}
foreach ($k in $paths.Keys) { $out["$k wall"] = $wall[$k] / $n; $out["$k cpu"] = $cpu[$k] / $n }
[pscustomobject]$out | ConvertTo-Json -Compress
