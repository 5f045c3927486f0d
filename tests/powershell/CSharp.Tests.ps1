#Requires -Version 7.0
# Pester 5 tests of the C# binding bindings/csharp/CippApi.cs used on its own, as a C# program would: the file is
# compiled unmodified with Add-Type in a fresh pwsh process (so it cannot clash with the module's copy) together
# with a small C# harness, then drives the cipp-mock server through CippClient and the process-default API.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/CSharp.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Root = Get-CippRepoRoot
    $script:Source = [System.IO.Path]::Combine($script:Root, 'bindings', 'csharp', 'CippApi.cs')
    $script:Header = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Root, 'include', 'cippapi.h'))
    $script:Native = Get-CippNativeLibraryPath
    $script:Mock = Start-CippMock
    $script:Work = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-csharp-$([guid]::NewGuid().ToString('N'))")
    $null = [System.IO.Directory]::CreateDirectory($script:Work)

    # A C# harness compiled with the binding: things PowerShell cannot do directly (threads).
    $script:Harness = [System.IO.Path]::Combine($script:Work, 'Harness.cs')
    [System.IO.File]::WriteAllText($script:Harness, @'
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CippApi;

public static class CippHarness
{
    // Calls the client from many threads at once; returns how many answers were 200.
    public static int ParallelCalls(CippClient client, int count)
    {
        int ok = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var query = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("i", i.ToString()) };
            CippResponse r = client.InvokeRestMethod("GET", "/api/ListTenants", query, null, null);
            if (r.StatusCode == 200) Interlocked.Increment(ref ok);
        });
        return ok;
    }

    // Starts a call on another thread, cancels it after delayMs; returns "Cancelled", another status, or the HTTP code.
    public static string CancelRunningCall(CippClient client, string endpoint, int delayMs)
    {
        Task<string> call = Task.Run(() =>
        {
            try { return client.InvokeRestMethod("GET", endpoint).StatusCode.ToString(); }
            catch (CippException e) { return e.Status.ToString(); }
        });
        Thread.Sleep(delayMs);
        client.Cancel();
        return call.GetAwaiter().GetResult();
    }

    // Disposes the client while other threads use it; returns the exception type names seen (no crash allowed).
    public static string[] DisposeDuringCalls(CippClient client)
    {
        var seen = new HashSet<string>();
        var tasks = new List<Task>();
        for (int t = 0; t < 4; t++)
        {
            tasks.Add(Task.Run(() =>
            {
                for (int i = 0; i < 20; i++)
                {
                    try { client.InvokeRestMethod("GET", "/api/ListTenants"); lock (seen) seen.Add("ok"); }
                    catch (System.Exception e) { lock (seen) seen.Add(e.GetType().Name); }
                }
            }));
        }
        Thread.Sleep(20);
        client.Dispose();
        Task.WaitAll(tasks.ToArray());
        var list = new List<string>(seen);
        list.Sort();
        return list.ToArray();
    }
}
'@)

    # Runs a script in a child pwsh after compiling the binding + harness and pointing it at the native library;
    # the script's last output is converted to JSON and parsed back here.
    function script:Invoke-BindingScript([string]$Body, [string]$LibraryPath = $script:Native, [hashtable]$Environment = @{}) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$($script:Source)', '$($script:Harness)'
[CippApi.CippNative]::LibraryPath = '$LibraryPath'
`$mock = '$(($script:Mock | Select-Object http, https, ca_file, tenant_id, client_id, client_secret | ConvertTo-Json -Compress).Replace("'", "''"))' | ConvertFrom-Json
function New-Settings([System.Collections.IDictionary]`$Values) {
    `$list = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    foreach (`$k in `$Values.Keys) { `$list.Add([System.Collections.Generic.KeyValuePair[string, string]]::new(`$k, `$Values[`$k])) }
    , `$list
}
function Get-Failure([scriptblock]`$Action) {
    try { & `$Action; return [ordered]@{ Type = 'none' } }
    catch {
        `$e = `$_.Exception
        while (`$e -is [System.Management.Automation.MethodInvocationException] -or `$e -is [System.Management.Automation.SetValueInvocationException] -or `$e -is [System.Management.Automation.RuntimeException] -and `$e.InnerException) { `$e = `$e.InnerException }
        [ordered]@{ Type = `$e.GetType().FullName; Message = `$e.Message; Status = if (`$e -is [CippApi.CippException]) { [string]`$e.Status } else { `$null } }
    }
}
`$result = & {
$Body
}
`$result | ConvertTo-Json -Depth 6 -Compress
"@
        $run = Invoke-CippChildPwsh -Script $script -Environment $Environment
        if ($run.ExitCode -ne 0) { throw "child pwsh failed ($($run.ExitCode)):`n$($run.Output)" }
        $json = ($run.StdOut -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 1)
        $json | ConvertFrom-Json -AsHashtable
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    if ($script:Work) { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction Ignore }
}

Describe 'CippApi.cs compiled on its own' {
    Context 'versions and enum' {
        BeforeAll {
            $script:Info = Invoke-BindingScript @'
$names = [ordered]@{}
$nm = [CippApi.CippNative].Assembly.GetType('CippApi.NativeMethods')
$f = $nm.GetMethod('cipp_status_name', [System.Reflection.BindingFlags]'NonPublic, Static')
foreach ($v in [enum]::GetValues([CippApi.CippStatus])) {
    $names[[string]$v] = @{ Value = [int]$v; Managed = [CippApi.CippNative]::StatusName($v); Native = [System.Runtime.InteropServices.Marshal]::PtrToStringUTF8($f.Invoke($null, @([int]$v))) }
}
[ordered]@{
    Abi = [CippApi.CippNative]::AbiVersion
    Binding = [CippApi.CippNative]::BindingAbiVersion
    Version = [CippApi.CippNative]::Version
    LoadedFrom = [CippApi.CippNative]::LoadedFrom
    Statuses = $names
    Unknown = [CippApi.CippNative]::StatusName([System.Enum]::ToObject([CippApi.CippStatus], 77))
}
'@
        }

        It 'loads the library from LibraryPath and reports the ABI and version' {
            $script:Info.LoadedFrom | Should -Be $script:Native
            $script:Info.Abi | Should -Be 1
            $cargo = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Root, 'Cargo.toml'))
            $version = [regex]::Match($cargo, '(?m)^version\s*=\s*"([^"]+)"').Groups[1].Value
            $script:Info.Version | Should -Be $version
        }

        It 'was written for the header''s CIPP_ABI_VERSION' {
            $abi = [regex]::Match($script:Header, '#define CIPP_ABI_VERSION (\d+)').Groups[1].Value
            $script:Info.Binding | Should -Be ([int]$abi)
        }

        It 'CippStatus mirrors every cipp_status value of the header' {
            $header = [ordered]@{}
            foreach ($m in [regex]::Matches($script:Header, 'CIPP_STATUS_([A-Z0-9_]+) = (\d+)')) {
                $pascal = -join ($m.Groups[1].Value.ToLowerInvariant() -split '_' | ForEach-Object { $_.Substring(0, 1).ToUpperInvariant() + $_.Substring(1) })
                $header[$pascal] = [int]$m.Groups[2].Value
            }
            $header.Count | Should -BeGreaterThan 10
            $script:Info.Statuses.Keys | Sort-Object | Should -Be ($header.Keys | Sort-Object)
            foreach ($k in $header.Keys) { $script:Info.Statuses[$k].Value | Should -Be $header[$k] -Because $k }
        }

        It 'StatusName agrees with cipp_status_name for every status' {
            foreach ($k in $script:Info.Statuses.Keys) {
                $script:Info.Statuses[$k].Managed | Should -BeExactly $script:Info.Statuses[$k].Native -Because $k
            }
            $script:Info.Unknown | Should -Be 'unknown'
        }
    }

    Context 'CippClient against the mock' {
        BeforeAll {
            Clear-CippMockRequest -Mock $script:Mock
            $script:Run = Invoke-BindingScript @'
$settings = [System.Collections.Generic.Dictionary[string, string]]::new()
$settings['authority_host'] = $mock.http
$c = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, $settings)
$q = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
$q.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('$select', 'id,displayName'))
$q.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('empty', [NullString]::Value))
$q.Add([System.Collections.Generic.KeyValuePair[string, string]]::new('text', 'a b&é'))
$r = $c.InvokeRestMethod('GET', '/api/ListTenants', $q, [NullString]::Value, [NullString]::Value)
$post = $c.InvokeRestMethod('POST', 'api/RemoveCippQueue', $null, '{"x":1}', 'application/json; charset=utf-8')
$logs = $c.GetLogs([NullString]::Value, [NullString]::Value, [NullString]::Value, [NullString]::Value)
$logs2 = $c.GetLogs('alert', '20250102', '20250101', '20250103')
$notFound = $c.InvokeRestMethod('GET', '/api/NoSuchEndpoint', $null, $null, $null)
[ordered]@{
    Status = $r.StatusCode; ContentType = $r.ContentType; Url = $r.Url; IsJson = $r.IsJson; Success = $r.IsSuccessStatusCode
    Count = @($r.Body | ConvertFrom-Json).Count
    PostStatus = $post.StatusCode
    BuildUrl = $c.BuildUrl('/api/ListTenants', $q)
    BuildUrlNoQuery = $c.BuildUrl('ListTenants', $null)
    LogsStatus = $logs.StatusCode; LogsUrl = $logs.Url; Logs2Url = $logs2.Url
    NotFound = [ordered]@{ Status = $notFound.StatusCode; Body = $notFound.Body; Success = $notFound.IsSuccessStatusCode }
    Parallel = [CippHarness]::ParallelCalls($c, 40)
}
'@
            $script:Recorded = @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*')
        }

        It 'InvokeRestMethod returns status, content type, URL and body' {
            $script:Run.Status | Should -Be 200
            $script:Run.ContentType | Should -Match '^application/json'
            $script:Run.IsJson | Should -BeTrue
            $script:Run.Success | Should -BeTrue
            $script:Run.Count | Should -Be 5
            $script:Run.Url | Should -BeExactly "$($script:Mock.http)/api/ListTenants?`$select=id%2cdisplayName&empty=&text=a+b%26%c3%a9"
        }

        It 'sends the query in order with NULL values as key=, and the body and content type as given' {
            $get = $script:Recorded | Where-Object { $_.path -eq '/api/ListTenants' } | Select-Object -First 1
            $get.raw_query | Should -BeExactly '$select=id%2cdisplayName&empty=&text=a+b%26%c3%a9'
            $get.body | Should -BeExactly '{}'
            $post = $script:Recorded | Where-Object { $_.path -eq '/api/RemoveCippQueue' }
            $post.method | Should -Be 'POST'
            $post.body | Should -BeExactly '{"x":1}'
            $post.content_type | Should -BeExactly 'application/json; charset=utf-8'
            $script:Run.PostStatus | Should -Be 200
        }

        It 'GetLogs sends the ListLogs query (defaults and explicit values)' {
            $script:Run.LogsStatus | Should -Be 200
            $script:Run.LogsUrl | Should -BeExactly "$($script:Mock.http)/api/ListLogs?Filter=True&DateFilter=$(Get-Date -Format 'yyyyMMdd')&StartDate=&EndDate="
            $script:Run.Logs2Url | Should -BeExactly "$($script:Mock.http)/api/ListLogs?Filter=True&DateFilter=20250102&StartDate=20250101&EndDate=20250103&Severity=alert"
        }

        It 'BuildUrl gives the URL without sending anything' {
            $script:Run.BuildUrl | Should -BeExactly $script:Run.Url
            $script:Run.BuildUrlNoQuery | Should -BeExactly "$($script:Mock.http)/api/ListTenants"
        }

        It 'returns HTTP errors as responses, not exceptions' {
            $script:Run.NotFound.Status | Should -Be 404
            $script:Run.NotFound.Body | Should -BeExactly 'Endpoint not found'
            $script:Run.NotFound.Success | Should -BeFalse
        }

        It 'is safe to call from many threads at once' {
            $script:Run.Parallel | Should -Be 40
        }
    }

    Context 'failures and bad input' {
        BeforeAll {
            $script:Fail = Invoke-BindingScript @'
$good = { [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http })) }
$c = & $good
$bad = [CippApi.CippClient]::new($mock.client_id, 'not-the-secret-value', $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http }))
$nullKey = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
$nullKey.Add([System.Collections.Generic.KeyValuePair[string, string]]::new([NullString]::Value, 'v'))
$disposed = & $good
$disposed.Dispose()
$disposed.Dispose()
[ordered]@{
    Auth = Get-Failure { $bad.InvokeRestMethod('GET', '/api/ListTenants', $null, $null, $null) }
    Insecure = Get-Failure { [CippApi.CippClient]::new($mock.client_id, 's', 'http://cipp.example.com', $mock.tenant_id, $null) }
    BadUrl = Get-Failure { [CippApi.CippClient]::new($mock.client_id, 's', 'not a url', $mock.tenant_id, $null) }
    Missing = Get-Failure { [CippApi.CippClient]::new((New-Settings @{})) }
    NullSettings = Get-Failure { [CippApi.CippClient]::new([System.Collections.Generic.IEnumerable[System.Collections.Generic.KeyValuePair[string, string]]]$null) }
    UnknownSetting = Get-Failure { [CippApi.CippClient]::new($mock.client_id, 's', $mock.http, $mock.tenant_id, (New-Settings @{ no_such_setting = '1' })) }
    BadTimeout = Get-Failure { [CippApi.CippClient]::new($mock.client_id, 's', $mock.http, $mock.tenant_id, (New-Settings @{ timeout_secs = 'soon' })) }
    NullSecret = Get-Failure { [CippApi.CippClient]::new($mock.client_id, [NullString]::Value, $mock.http, $mock.tenant_id, $null) }
    NullMethod = Get-Failure { $c.InvokeRestMethod([NullString]::Value, '/api/ListTenants', $null, $null, $null) }
    NullEndpoint = Get-Failure { $c.InvokeRestMethod('GET', [NullString]::Value, $null, $null, $null) }
    NullKey = Get-Failure { $c.InvokeRestMethod('GET', '/api/ListTenants', $nullKey, $null, $null) }
    BadMethod = Get-Failure { $c.InvokeRestMethod('FETCH', '/api/ListTenants', $null, $null, $null) }
    Disposed = [ordered]@{
        IsDisposed = $disposed.IsDisposed
        Invoke = Get-Failure { $disposed.InvokeRestMethod('GET', '/api/ListTenants', $null, $null, $null) }
        Logs = Get-Failure { $disposed.GetLogs($null, $null, $null, $null) }
        Url = Get-Failure { $disposed.BuildUrl('/api/x', $null) }
    }
    DisposeDuringCalls = [CippHarness]::DisposeDuringCalls((& $good))
    SwitchLibrary = Get-Failure { [CippApi.CippNative]::LibraryPath = '/somewhere/else/libcippapi.so' }
    SameLibrary = Get-Failure { [CippApi.CippNative]::LibraryPath = [CippApi.CippNative]::LoadedFrom }
}
'@
        }

        It 'a refused secret raises CippException(Authentication) with the Entra code and no secret' {
            $script:Fail.Auth.Type | Should -Be 'CippApi.CippException'
            $script:Fail.Auth.Status | Should -Be 'Authentication'
            $script:Fail.Auth.Message | Should -Match 'AADSTS7000215'
            $script:Fail.Auth.Message | Should -Not -Match 'not-the-secret-value'
        }

        It 'rejects bad settings when the client is created: <Case> -> <Status>' -ForEach @(
            @{ Case = 'Insecure'; Status = 'InsecureUrl' }
            @{ Case = 'BadUrl'; Status = 'InvalidUrl' }
            @{ Case = 'Missing'; Status = 'NotConfigured' }
            @{ Case = 'UnknownSetting'; Status = 'InvalidArgument' }
            @{ Case = 'BadTimeout'; Status = 'InvalidArgument' }
            @{ Case = 'NullSecret'; Status = 'NullArgument' }
        ) {
            $script:Fail[$Case].Type | Should -Be 'CippApi.CippException'
            $script:Fail[$Case].Status | Should -Be $Status
            $script:Fail[$Case].Message | Should -Not -BeNullOrEmpty
        }

        It 'a null settings collection is an ArgumentNullException' {
            $script:Fail.NullSettings.Type | Should -Be 'System.ArgumentNullException'
        }

        It 'NULL arguments to calls give NullArgument naming the argument: <Case>' -ForEach @(
            @{ Case = 'NullMethod'; Name = 'method' }
            @{ Case = 'NullEndpoint'; Name = 'endpoint' }
            @{ Case = 'NullKey'; Name = 'query_keys\[0\]' }
        ) {
            $script:Fail[$Case].Status | Should -Be 'NullArgument'
            $script:Fail[$Case].Message | Should -Match $Name
        }

        It 'an unknown method is an InvalidArgument' {
            $script:Fail.BadMethod.Status | Should -Be 'InvalidArgument'
        }

        It 'a disposed client throws ObjectDisposedException (Dispose twice is fine)' {
            $script:Fail.Disposed.IsDisposed | Should -BeTrue
            foreach ($k in 'Invoke', 'Logs', 'Url') { $script:Fail.Disposed[$k].Type | Should -Be 'System.ObjectDisposedException' -Because $k }
        }

        It 'disposing while other threads call the client neither crashes nor corrupts' {
            foreach ($t in $script:Fail.DisposeDuringCalls) { $t | Should -BeIn @('ok', 'ObjectDisposedException') }
        }

        It 'LibraryPath cannot switch to another file once loaded, but may be set to the same one' {
            $script:Fail.SwitchLibrary.Type | Should -Be 'System.InvalidOperationException'
            $script:Fail.SwitchLibrary.Message | Should -Match 'already loaded'
            $script:Fail.SameLibrary.Type | Should -Be 'none'
        }
    }

    Context 'declarations' {
        It 'imports every function of cippapi.h exactly once, Cdecl, by exact name' {
            $headerFns = [regex]::Matches($script:Header, '\b(cipp_[a-z_]+)\(') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
            $code = [System.IO.File]::ReadAllText($script:Source)
            $imports = [regex]::Matches($code, '\[DllImport\(Lib, CallingConvention = CallingConvention\.Cdecl, ExactSpelling = true\)\]\s*internal static extern [\w\.]+ (cipp_[a-z_]+)\(') |
                ForEach-Object { $_.Groups[1].Value }
            @($imports | Sort-Object) | Should -Be @($headerFns)
            ([regex]::Matches($code, 'DllImport\(')).Count | Should -Be $headerFns.Count
        }

        It 'CippTenantIn mirrors cipp_tenant_in' {
            $code = [System.IO.File]::ReadAllText($script:Source)
            [regex]::Match($script:Header, 'CIPP_TENANT_IN_QUERY = (\d+)').Groups[1].Value | Should -Be '0'
            [regex]::Match($script:Header, 'CIPP_TENANT_IN_BODY = (\d+)').Groups[1].Value | Should -Be '1'
            $code | Should -Match 'Query = 0,'
            $code | Should -Match 'Body = 1,'
        }
    }

    Context 'preview, diagnose, catalog, batches, cancel, trace' {
        BeforeAll {
            Reset-CippMock -Mock $script:Mock
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'status'; status = 503; times = 1 }
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListUsers'; kind = 'delay'; ms = 3000; times = 0 }
            $script:More = Invoke-BindingScript @'
$c = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http; retry_base_delay_ms = '10' }))
$retried = $c.InvokeRestMethod('GET', '/api/ListTenants', $null, $null, $null)
$notFound = $c.InvokeRestMethod('GET', '/api/NoSuchEndpoint', $null, $null, $null)
$preview = $c.Preview('POST', '/api/ExecResetPass', (New-Settings ([ordered]@{ tenantFilter = 'contoso.onmicrosoft.com' })), '{"ID":"x"}', $null) | ConvertFrom-Json
$diagnose = $c.Diagnose() | ConvertFrom-Json
$batch = $c.StartBatch('GET', '/api/ListTenants', 'tenantFilter', [CippApi.CippTenantIn]::Query, [string[]]@('a.onmicrosoft.com', 'b.onmicrosoft.com', 'c.onmicrosoft.com'), $null, $null, $null, 2)
$total = $batch.Total
$items = [System.Collections.Generic.List[object]]::new()
while (-not $batch.IsCompleted) { $i = $batch.Next(100); if ($i) { $items.Add([ordered]@{ Tenant = $i.Tenant; Status = [string]$i.Status; Code = $i.Response.StatusCode; Url = $i.Response.Url }) } }
$batch.Dispose()
$slow = $c.StartBatch('GET', '/api/ListUsers', 'tenantFilter', [CippApi.CippTenantIn]::Query, [string[]]@('a.onmicrosoft.com', 'b.onmicrosoft.com'), $null, $null, $null, 2)
$slow.Cancel()
$cancelled = [System.Collections.Generic.List[string]]::new()
while (-not $slow.IsCompleted) { $i = $slow.Next(100); if ($i) { $cancelled.Add([string]$i.Status) } }
$slow.Dispose()
$cancelCall = [CippHarness]::CancelRunningCall($c, '/api/ListUsers', 500)
[ordered]@{
    RetryTrace = $retried.Trace; RetryStatus = $retried.StatusCode
    Advice = $notFound.Advice
    Preview = $preview
    DiagnoseOk = $diagnose.ok; DiagnoseSteps = @($diagnose.steps.name)
    CatalogCount = [CippApi.CippCatalog]::Count
    CatalogFiltered = @([CippApi.CippCatalog]::List('ListLogs') | ConvertFrom-Json).name
    Describe = ([CippApi.CippCatalog]::Describe('listlogs') | ConvertFrom-Json).name
    DescribeUnknown = Get-Failure { [CippApi.CippCatalog]::Describe('NoSuchEndpoint') }
    BatchTotal = $total; BatchItems = $items
    Cancelled = $cancelled
    CancelCall = $cancelCall
}
'@
        }

        It 'a retried answer carries the trace of what happened' {
            $script:More.RetryStatus | Should -Be 200
            $script:More.RetryTrace | Should -Match '503'
        }

        It 'a 404 Endpoint not found carries advice' {
            $script:More.Advice | Should -Match 'NoSuchEndpoint'
        }

        It 'Preview describes the request without sending it, with the token redacted' {
            $p = $script:More.Preview
            $p.method | Should -Be 'POST'
            $p.url | Should -BeExactly "$($script:Mock.http)/api/ExecResetPass?tenantFilter=contoso.onmicrosoft.com"
            $p.body | Should -BeExactly '{"ID":"x"}'
            ($p.headers | Where-Object { $_[0] -eq 'Authorization' })[1] | Should -Be 'Bearer [redacted]'
        }

        It 'Diagnose reports the steps of a healthy connection' {
            $script:More.DiagnoseOk | Should -BeTrue
            $script:More.DiagnoseSteps | Should -Contain 'token'
        }

        It 'the catalog lists, filters and describes endpoints' {
            $script:More.CatalogCount | Should -BeGreaterThan 500
            $script:More.CatalogFiltered | Should -Contain 'ListLogs'
            $script:More.Describe | Should -Be 'ListLogs'
            $script:More.DescribeUnknown.Status | Should -Be 'InvalidArgument'
        }

        It 'a batch runs the call once per tenant and hands out every outcome' {
            $script:More.BatchTotal | Should -Be 3
            @($script:More.BatchItems).Count | Should -Be 3
            @($script:More.BatchItems.Tenant | Sort-Object) | Should -Be @('a.onmicrosoft.com', 'b.onmicrosoft.com', 'c.onmicrosoft.com')
            foreach ($i in $script:More.BatchItems) {
                $i.Status | Should -Be 'Ok'
                $i.Code | Should -Be 200
                $i.Url | Should -Match ([regex]::Escape("tenantFilter=$($i.Tenant)"))
            }
        }

        It 'a cancelled batch gives Cancelled outcomes' {
            @($script:More.Cancelled).Count | Should -Be 2
            $script:More.Cancelled | Should -Be @('Cancelled', 'Cancelled')
        }

        It 'Cancel stops a call running on another thread' {
            $script:More.CancelCall | Should -Be 'Cancelled'
        }
    }

    Context 'process-default client (cipp_set_details / cipp_invoke / cipp_get_logs)' {
        It 'is NotConfigured before SetApiDetails, then works with the details given' {
            $r = Invoke-BindingScript -Environment @{ CIPPAPI_AUTHORITY_HOST = $script:Mock.http } -Body @'
$before = Get-Failure { [CippApi.CippClient]::Invoke('GET', '/api/ListTenants', $null, $null, $null) }
$beforeLogs = Get-Failure { [CippApi.CippClient]::GetDefaultLogs($null, $null, $null, $null) }
$insecure = Get-Failure { [CippApi.CippClient]::SetApiDetails($mock.client_id, $mock.client_secret, 'http://cipp.example.com', $mock.tenant_id) }
[CippApi.CippClient]::SetApiDetails($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id)
$r = [CippApi.CippClient]::Invoke('GET', '/api/ListTenants', $null, $null, $null)
$l = [CippApi.CippClient]::GetDefaultLogs('error', $null, $null, $null)
[ordered]@{ Before = $before; BeforeLogs = $beforeLogs; Insecure = $insecure; Status = $r.StatusCode; LogsStatus = $l.StatusCode; LogsUrl = $l.Url }
'@
            $r.Before.Status | Should -Be 'NotConfigured'
            $r.BeforeLogs.Status | Should -Be 'NotConfigured'
            $r.Insecure.Status | Should -Be 'InsecureUrl'
            $r.Status | Should -Be 200
            $r.LogsStatus | Should -Be 200
            $r.LogsUrl | Should -Match '&Severity=error$'
        }
    }

    Context 'large bodies' {
        It 'reads a multi-megabyte body completely' {
            $null = Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 20000 }
            try {
                $r = Invoke-BindingScript @'
$c = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http }))
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$logs = $c.GetLogs($null, $null, $null, $null)
$ms = $sw.ElapsedMilliseconds
$rows = [System.Text.Json.JsonDocument]::Parse($logs.Body).RootElement.GetArrayLength()
[ordered]@{ Status = $logs.StatusCode; Chars = $logs.Body.Length; Rows = $rows; Ms = $ms }
'@
            } finally {
                $null = Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 40 }
            }
            Write-Host "  GetLogs of $($r.Rows) rows ($([math]::Round($r.Chars / 1MB, 1)) M chars) in $($r.Ms) ms"
            $r.Status | Should -Be 200
            $r.Rows | Should -BeGreaterThan 1000
            $r.Chars | Should -BeGreaterThan 1MB
        }
    }

    Context 'loading' {
        It 'names the file when LibraryPath does not exist' {
            $missing = [System.IO.Path]::Combine($script:Work, 'nope', 'libcippapi.so')
            $r = Invoke-BindingScript -LibraryPath $missing -Body @'
Get-Failure { [CippApi.CippNative]::EnsureLoaded() }
'@
            $r.Type | Should -Be 'System.DllNotFoundException'
            $r.Message | Should -Match ([regex]::Escape($missing))
        }

        It 'refuses a library with another ABI version, naming both numbers' -Skip:(-not (Get-Command cc -ErrorAction Ignore) -or $IsWindows) {
            $fake = [System.IO.Path]::Combine($script:Work, 'libfakecipp.so')
            $c = [System.IO.Path]::Combine($script:Work, 'fake.c')
            [System.IO.File]::WriteAllText($c, "unsigned int cipp_abi_version(void) { return 2; }`nconst char *cipp_version(void) { return `"9.9.9`"; }`n")
            & cc -shared -fPIC -o $fake $c
            $LASTEXITCODE | Should -Be 0
            $r = Invoke-BindingScript -LibraryPath $fake -Body @'
[ordered]@{
    First = Get-Failure { [CippApi.CippNative]::EnsureLoaded() }
    Second = Get-Failure { [CippApi.CippNative]::Version }
    Client = Get-Failure { [CippApi.CippClient]::new('a', 'b', 'https://x.example.com', 'c', $null) }
}
'@
            foreach ($k in 'First', 'Second', 'Client') {
                $r[$k].Type | Should -Be 'System.InvalidOperationException' -Because $k
                $r[$k].Message | Should -Match 'C ABI version 2'
                $r[$k].Message | Should -Match 'C ABI version 1'
            }
        }
    }
}
