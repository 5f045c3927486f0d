#Requires -Version 7.0
# Pester 5 tests of the C# binding (bindings/csharp/*.cs) used on its own, as a plain .NET program would: the files
# are compiled unmodified with Roslyn against the .NET reference assemblies only ($PSHOME/ref: no
# System.Management.Automation, as in a project without the PowerShell SDK), a small C# harness is compiled against
# that assembly, and both are loaded in a fresh pwsh process (so they cannot clash with the module's copy) to drive
# the cipp-mock server through CippClient and the process-default API.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/CSharp.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Root = Get-CippRepoRoot
    $script:Sources = @([System.IO.Directory]::GetFiles([System.IO.Path]::Combine($script:Root, 'bindings', 'csharp'), '*.cs'))
    $script:Header = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Root, 'include', 'cippapi.h'))
    $script:Native = Get-CippNativeLibraryPath
    $script:Mock = Start-CippMock
    $script:Work = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-csharp-$([guid]::NewGuid().ToString('N'))")
    $null = [System.IO.Directory]::CreateDirectory($script:Work)

    # A C# harness compiled with the binding: things PowerShell cannot do directly (threads).
    $script:Harness = [System.IO.Path]::Combine($script:Work, 'Harness.cs')
    [System.IO.File]::WriteAllText($script:Harness, @'
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CippApi;

public static class CippHarness
{
    // Starts count InvokeRestMethodAsync calls at once and waits for all: [elapsed ms, 200 answers, peak thread growth].
    public static long[] ConcurrentAsync(CippClient client, string endpoint, int count)
    {
        client.InvokeRestMethod("GET", "/api/ListTenants"); // warm: token, connection, JIT
        Process self = Process.GetCurrentProcess();
        self.Refresh();
        int before = self.Threads.Count;
        int peak = before;
        var watch = Stopwatch.StartNew();
        var tasks = new Task<CippResponse>[count];
        for (int i = 0; i < count; i++)
        {
            var query = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("i", i.ToString()) };
            tasks[i] = client.InvokeRestMethodAsync("GET", endpoint, query, null, null);
        }
        // The native side holds only a function pointer and GCHandles: collecting now must not lose a callback.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        while (!Task.WaitAll(tasks, 50))
        {
            self.Refresh();
            peak = Math.Max(peak, self.Threads.Count);
        }
        long elapsed = watch.ElapsedMilliseconds;
        int ok = 0;
        foreach (Task<CippResponse> t in tasks) if (t.Result.StatusCode == 200) ok++;
        return new long[] { elapsed, ok, peak - before };
    }

    // Two slow calls; a token cancels the first: [its outcome, ms from cancel to the end, the other's HTTP status,
    // whether a call with an already cancelled token is cancelled at once].
    public static string[] CancelOne(CippClient client, string endpoint)
    {
        var cts = new CancellationTokenSource();
        Task<CippResponse> slow = client.InvokeRestMethodAsync("GET", endpoint, null, null, null, cts.Token);
        Task<CippResponse> other = client.InvokeRestMethodAsync("GET", endpoint, null, null, null);
        Thread.Sleep(300);
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        string outcome;
        try { slow.GetAwaiter().GetResult(); outcome = "completed"; }
        catch (OperationCanceledException) { outcome = "OperationCanceledException"; }
        catch (Exception e) { outcome = e.GetType().Name; }
        long ms = watch.ElapsedMilliseconds;
        int otherStatus = other.GetAwaiter().GetResult().StatusCode;
        Task<CippResponse> pre = client.GetLogsAsync(null, null, null, null, new CancellationToken(true));
        return new[] { outcome, ms.ToString(), otherStatus.ToString(), pre.IsCanceled.ToString() };
    }

    // The blocking overloads that take a token: two slow calls on two threads, the first cancelled from a third:
    // [its outcome, ms from cancel to its end, the other's HTTP status, an uncancelled token's status, the outcome of
    // an already cancelled token].
    public static string[] CancelBlocking(CippClient client, string endpoint)
    {
        var cts = new CancellationTokenSource();
        string outcome = "none";
        long ms = -1;
        var watch = new Stopwatch();
        var slow = new Thread(() =>
        {
            try { client.InvokeRestMethod("GET", endpoint, null, null, null, cts.Token); outcome = "completed"; }
            catch (OperationCanceledException) { outcome = "OperationCanceledException"; }
            catch (Exception e) { outcome = e.GetType().Name; }
            ms = watch.ElapsedMilliseconds;
        });
        int otherStatus = 0;
        var other = new Thread(() => otherStatus = client.GetLogs(null, null, null, null, new CancellationTokenSource().Token).StatusCode);
        slow.Start();
        other.Start();
        Thread.Sleep(300);
        watch.Start();
        cts.Cancel();
        slow.Join();
        other.Join();
        int plain = client.InvokeRestMethod("GET", "/api/ListLogs", null, null, null, CancellationToken.None).StatusCode;
        string pre;
        try { client.GetLogs(null, null, null, null, new CancellationToken(true)); pre = "completed"; }
        catch (OperationCanceledException) { pre = "OperationCanceledException"; }
        return new[] { outcome, ms.ToString(), otherStatus.ToString(), plain.ToString(), pre };
    }

    // A call that times out natively: the CippException's inner exception type and the status.
    public static string[] TimeoutCall(CippClient client, string endpoint)
    {
        try
        {
            client.InvokeRestMethodAsync("GET", endpoint).GetAwaiter().GetResult();
            return new[] { "none", "" };
        }
        catch (CippException e)
        {
            return new[] { e.InnerException == null ? "null" : e.InnerException.GetType().FullName, e.Status.ToString() };
        }
    }

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

    # Compiles C# with Roslyn against the .NET reference assemblies only (plus -References): what a plain .NET
    # project sees, without System.Management.Automation. Throws with the compiler's errors.
    function script:Invoke-BclCompile([string[]]$Sources, [string]$Output, [string[]]$References = @()) {
        $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSHOME, 'Microsoft.CodeAnalysis.dll'))
        $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSHOME, 'Microsoft.CodeAnalysis.CSharp.dll'))
        $refs = [System.Collections.Generic.List[Microsoft.CodeAnalysis.MetadataReference]]::new()
        foreach ($f in @([System.IO.Directory]::GetFiles([System.IO.Path]::Combine($PSHOME, 'ref'), '*.dll')) + $References) {
            $refs.Add([Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile($f))
        }
        $trees = foreach ($file in $Sources) {
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText([System.IO.File]::ReadAllText($file),
                [Microsoft.CodeAnalysis.CSharp.CSharpParseOptions]::Default, $file, [System.Text.Encoding]::UTF8,
                [System.Threading.CancellationToken]::None)
        }
        $options = [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary)
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create(
            [System.IO.Path]::GetFileNameWithoutExtension($Output), [Microsoft.CodeAnalysis.SyntaxTree[]]@($trees), $refs, $options)
        $stream = [System.IO.File]::Create($Output)
        try { $result = $compilation.Emit($stream) } finally { $stream.Dispose() }
        $errors = @($result.Diagnostics | Where-Object { $_.Severity -eq 'Error' } | ForEach-Object { $_.ToString() })
        [pscustomobject]@{ Success = $result.Success; Errors = $errors }
    }

    $script:BindingDll = [System.IO.Path]::Combine($script:Work, 'CippApi.dll')
    $script:BindingBuild = Invoke-BclCompile -Sources $script:Sources -Output $script:BindingDll
    if (-not $script:BindingBuild.Success) { throw "The binding does not build without PowerShell:`n$($script:BindingBuild.Errors -join "`n")" }
    $script:HarnessDll = [System.IO.Path]::Combine($script:Work, 'CippHarness.dll')
    $harnessBuild = Invoke-BclCompile -Sources $script:Harness -Output $script:HarnessDll -References $script:BindingDll
    if (-not $harnessBuild.Success) { throw "The harness does not build:`n$($harnessBuild.Errors -join "`n")" }

    # Runs a script in a child pwsh after loading the binding + harness and pointing it at the native library;
    # the script's last output is converted to JSON and parsed back here.
    function script:Invoke-BindingScript([string]$Body, [string]$LibraryPath = $script:Native, [hashtable]$Environment = @{}) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$($script:BindingDll)', '$($script:HarnessDll)'
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
        [ordered]@{ Type = `$e.GetType().FullName; Message = `$e.Message; Status = if (`$e -is [CippApi.CippException]) { [string]`$e.Status } else { `$null }; ParamName = if (`$e -is [System.ArgumentException]) { `$e.ParamName } else { `$null } }
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

Describe 'The C# binding compiled on its own (no PowerShell references)' {
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
            $script:Info.Abi | Should -Be 2
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
    Headers = $r.Headers; HeaderContentType = $r.GetHeader('Content-Type'); NoHeader = $null -eq $r.GetHeader('X-Not-Sent')
    Count = @($r.Body | ConvertFrom-Json).Count
    PostStatus = $post.StatusCode
    BuildUrl = $c.BuildUrl('/api/ListTenants', $q)
    BuildUrlNoQuery = $c.BuildUrl('ListTenants', $null)
    LogsStatus = $logs.StatusCode; LogsUrl = $logs.Url; Logs2Url = $logs2.Url
    LogsBuilt = $c.BuildLogsUrl([NullString]::Value, [NullString]::Value, [NullString]::Value, [NullString]::Value)
    Logs2Built = $c.BuildLogsUrl('alert', '20250102', '20250101', '20250103')
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

        It 'CippResponse has the answer''s headers as name: value lines, and GetHeader reads one in any case' {
            $lines = $script:Run.Headers -split "`n"
            $lines | Should -Contain "content-type: $($script:Run.ContentType)"
            $lines | ForEach-Object { $_ | Should -Match '^[a-z0-9-]+: ' }
            $script:Run.HeaderContentType | Should -BeExactly $script:Run.ContentType
            $script:Run.NoHeader | Should -BeTrue
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
            # BuildLogsUrl names the same URLs without sending.
            $script:Run.LogsBuilt | Should -BeExactly $script:Run.LogsUrl
            $script:Run.Logs2Built | Should -BeExactly $script:Run.Logs2Url
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
        ) {
            $script:Fail[$Case].Type | Should -Be 'CippApi.CippException'
            $script:Fail[$Case].Status | Should -Be $Status
            $script:Fail[$Case].Message | Should -Not -BeNullOrEmpty
        }

        It 'a null settings collection is an ArgumentNullException' {
            $script:Fail.NullSettings.Type | Should -Be 'System.ArgumentNullException'
        }

        It 'null arguments throw ArgumentNullException / ArgumentException naming the parameter: <Case>' -ForEach @(
            @{ Case = 'NullSecret'; Type = 'System.ArgumentNullException'; Name = 'clientSecret' }
            @{ Case = 'NullMethod'; Type = 'System.ArgumentNullException'; Name = 'method' }
            @{ Case = 'NullEndpoint'; Type = 'System.ArgumentNullException'; Name = 'endpoint' }
            @{ Case = 'NullKey'; Type = 'System.ArgumentException'; Name = 'query' }
        ) {
            $script:Fail[$Case].Type | Should -Be $Type
            $script:Fail[$Case].ParamName | Should -BeExactly $Name
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
        It 'declares every function of cippapi.h once, Cdecl, by exact name, with the header''s full signature' {
            # Every prototype of the header: return type, name, parameter types.
            $text = [regex]::Replace($script:Header, '//[^\n]*', '')
            $protos = [regex]::Matches($text, '(?m)^([a-z_][a-z0-9_ \*]*?[\s\*])(cipp_[a-z_]+)\(([^)]*)\);')
            $protos.Count | Should -BeGreaterThan 50
            # C type -> the .NET parameter types that marshal it (a handle type for an object pointer).
            $handles = @{ cipp_client = 'ClientHandle'; cipp_settings = 'SettingsHandle'; cipp_response = 'ResponseHandle';
                cipp_error = 'ErrorHandle'; cipp_batch = 'BatchHandle'; cipp_batch_item = 'BatchItemHandle'; cipp_request = 'RequestHandle'; cipp_call = 'CallHandle' }
            function Get-Allowed([string]$c) {
                if ($c -match '^\s*const char \*const \*\s*$') { return @('System.IntPtr[]') }   # arrays of strings
                $c = ($c -replace '\bconst\b', '' -replace '\s+', ' ' -replace ' \*', '*').Trim()
                switch -regex ($c) {
                    '^void$' { return @('System.Void') }
                    '^cipp_status$' { return @('CippApi.CippStatus') }
                    '^cipp_callback$' { return @('CippApi.CippCallback') }
                    '^(uint32_t)$' { return @('System.UInt32') }
                    '^(int32_t)$' { return @('System.Int32') }
                    '^(uint16_t)$' { return @('System.UInt16') }
                    '^size_t$' { return @('System.UIntPtr') }
                    '^size_t\*$' { return @('System.UIntPtr&') }
                    '^(char|uint8_t|void)\*$' { return @('System.IntPtr') }
                    '^char\*\*$' { return @('CippApi.OwnedStringHandle&') }
                    '^(cipp_[a-z_]+)\*$' { return @('System.IntPtr', "CippApi.$($handles[$Matches[1]])") }
                    '^(cipp_[a-z_]+)\*\*$' { return @("CippApi.$($handles[$Matches[1]])&") }
                    default { throw "no .NET mapping for C type '$c'" }
                }
            }
            $r = Invoke-BindingScript @'
$nm = [CippApi.CippNative].Assembly.GetType('CippApi.NativeMethods')
foreach ($m in $nm.GetMethods([System.Reflection.BindingFlags]'NonPublic, Static')) {
    $import = $m.GetCustomAttributes([System.Runtime.InteropServices.DllImportAttribute], $false)
    if (-not $import) { continue }
    [ordered]@{ Name = $m.Name; Entry = $import[0].EntryPoint; Conv = [string]$import[0].CallingConvention; Exact = $import[0].ExactSpelling
        Return = $m.ReturnType.FullName; Params = @($m.GetParameters() | ForEach-Object { $_.ParameterType.FullName }) }
}
'@
            $declared = @{}
            foreach ($d in $r) { $declared[$d.Name] = $d }
            $problems = [System.Collections.Generic.List[string]]::new()
            foreach ($p in $protos) {
                $name = $p.Groups[2].Value
                $d = $declared[$name]
                if (-not $d) { $problems.Add("$name is not declared"); continue }
                $declared.Remove($name)
                if ($d.Conv -ne 'Cdecl' -or -not $d.Exact -or $d.Entry -ne $name) { $problems.Add("$name is not Cdecl/ExactSpelling/by name") }
                $ret = $p.Groups[1].Value
                if ((Get-Allowed $ret) -notcontains $d.Return) { $problems.Add("$name returns $($d.Return), the header '$($ret.Trim())'") }
                $params = @($p.Groups[3].Value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $_ -ne 'void' })
                $actual = @($d.Params)
                if ($params.Count -ne $actual.Count) { $problems.Add("$name has $($actual.Count) parameters, the header $($params.Count)"); continue }
                for ($i = 0; $i -lt $params.Count; $i++) {
                    $ctype = $params[$i] -replace '\s*\b[a-z_]+$', ''   # drop the parameter name
                    if ((Get-Allowed $ctype) -notcontains $actual[$i]) { $problems.Add("$name parameter $i is $($actual[$i]), the header '$ctype'") }
                }
            }
            foreach ($extra in $declared.Keys) { $problems.Add("$extra is declared but not in the header") }
            $problems | Should -BeNullOrEmpty
        }

        It 'CippTenantIn mirrors cipp_tenant_in' {
            $code = ($script:Sources | ForEach-Object { [System.IO.File]::ReadAllText($_) }) -join "`n"
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

    Context 'one owner: the library decides, the binding passes through' {
        BeforeAll {
            Clear-CippMockRequest -Mock $script:Mock
            $script:Owner = Invoke-BindingScript @'
function New-Client([System.Collections.IDictionary]$Extra) {
    $s = [ordered]@{ client_id = $mock.client_id; client_secret = $mock.client_secret; api_url = $mock.http; tenant_id = $mock.tenant_id; authority_host = $mock.http }
    foreach ($k in $Extra.Keys) { $s[$k] = $Extra[$k] }
    [CippApi.CippClient]::new((New-Settings $s))
}
$write = { param($c) $c.InvokeRestMethod('POST', '/api/ExecEditTemplate', $null, '{}', $null) }
# Set through .NET only: on Unix the native library's own environment never sees it.
[System.Environment]::SetEnvironmentVariable('CIPPAPI_READ_ONLY', '1')
$fromEnv = Get-Failure { & $write (New-Client @{}) }
$envOverridden = (& $write (New-Client @{ read_only = 'false' })).StatusCode
[System.Environment]::SetEnvironmentVariable('CIPPAPI_READ_ONLY', $null)
$dotnet = Get-Failure { & $write (New-Client @{ read_only = 'true' }) }
$powershell = Get-Failure { & $write (New-Client ([ordered]@{ read_only = 'true'; binding = 'powershell' })) }
$describe = @{}
foreach ($e in [CippApi.CippCatalog]::Endpoints()) { $describe[$e.Name] = $e.IsRead }
$disagree = @(([CippApi.CippCatalog]::List() | ConvertFrom-Json) | Where-Object { $describe[$_.name] -ne $_.reads_only } | ForEach-Object name)
$notConfigured = Get-Failure { [CippApi.CippClient]::Invoke('GET', '/api/ListTenants', $null, $null, $null) }
$ro = New-Client @{ read_only = 'true' }
$batch = Get-Failure { $ro.StartBatch('POST', 'ExecEditTemplate', 'tenantFilter', [CippApi.CippTenantIn]::Body, [string[]]@('a.com', 'b.com'), $null, '{}', $null, 2) }
$single = Get-Failure { $ro.InvokeRestMethodAsync('POST', 'ExecEditTemplate', $null, '{}', $null).GetAwaiter().GetResult() }
[ordered]@{ Batch = $batch; Async = $single; FromEnv = $fromEnv; EnvOverridden = $envOverridden; DotNet = $dotnet; PowerShell = $powershell
    Endpoints = $describe.Count; Disagree = $disagree; NotConfigured = $notConfigured }
'@
            $script:BindingText = ($script:Sources | ForEach-Object { [System.IO.File]::ReadAllText($_) }) -join "`n"
        }

        It 'a CIPPAPI_* variable set through .NET is passed under its own name: the refusal says to unset it' {
            $script:Owner.FromEnv.Status | Should -Be 'Refused'
            $script:Owner.FromEnv.Message | Should -Match 'comes from the environment variable CIPPAPI_READ_ONLY'
            $script:Owner.FromEnv.Message | Should -Match 'unset the environment variable CIPPAPI_READ_ONLY'
            $script:Owner.EnvOverridden | Should -Be 200 -Because 'an explicit read_only setting replaces the environment value'
        }

        It 'messages are in .NET terms by default, and a binding setting given by the caller wins' {
            $script:Owner.DotNet.Status | Should -Be 'Refused'
            $script:Owner.DotNet.Message | Should -Match ([regex]::Escape('create the CippClient again without read_only'))
            $script:Owner.DotNet.Message | Should -Not -Match 'cipp_settings_set'
            $script:Owner.PowerShell.Message | Should -Match ([regex]::Escape('Set-CIPPAPIDetails again without -ReadOnly'))
        }

        It 'read-only mode refuses a write batch and an async write in the library, before anything is sent' {
            $script:Owner.Batch.Status | Should -Be 'Refused'
            $script:Owner.Batch.Message | Should -Match 'read-only mode'
            $script:Owner.Async.Status | Should -Be 'Refused'
            @(Get-CippMockRequest -Mock $script:Mock -Like '/api/ExecEditTemplate*').Count | Should -Be 1 -Because 'only the call with read_only=false went out'
        }

        It 'IsRead is the catalog''s reads_only for every endpoint, not derived in C#' {
            $script:Owner.Endpoints | Should -BeGreaterThan 500
            $script:Owner.Disagree | Should -BeNullOrEmpty
            $script:BindingText | Should -Not -Match '\.Read"'
        }

        It 'status names and the not-configured message come from the library, none typed in C#' {
            $script:Owner.NotConfigured.Status | Should -Be 'NotConfigured'
            $script:Owner.NotConfigured.Message | Should -Match 'CIPP API information not found.*cipp_set_details'
            $script:BindingText | Should -Not -Match 'information not found'
            foreach ($name in '"not_configured"', '"invalid_argument"', '"network"', '"certificate"') {
                $script:BindingText | Should -Not -Match $name -Because 'names come from cipp_status_name'
            }
            $script:BindingText | Should -Not -Match '"authority_host"' -Because 'CIPPAPI_* variables are not mapped to settings in C#'
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

    Context 'a plain .NET build' {
        It 'references no PowerShell assembly and has no PowerShell types' {
            $r = Invoke-BindingScript @'
$a = [CippApi.CippClient].Assembly
[ordered]@{ References = @($a.GetReferencedAssemblies().Name); Json = [bool]$a.GetType('CippApi.CippJson') }
'@
            $r.References | Should -Not -Contain 'System.Management.Automation'
            $r.References | Should -Contain 'System.Runtime'
            $r.Json | Should -BeFalse
        }

        It 'the PowerShell part (CippJson) does not build without System.Management.Automation' {
            # Proves the build above is really PowerShell-free: the module's file needs SMA.
            $out = [System.IO.Path]::Combine($script:Work, 'WithJson.dll')
            $json = [System.IO.Path]::Combine($script:Root, 'powershell', 'CIPPAPIModule', 'src', 'CippJson.cs')
            $b = Invoke-BclCompile -Sources (@($script:Sources) + $json) -Output $out
            $b.Success | Should -BeFalse
            ($b.Errors -join "`n") | Should -Match 'Management'
        }

        It 'the project file packs the native runtimes and compiles only the binding files' {
            $proj = [xml][System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Root, 'bindings', 'csharp', 'CippApi.csproj'))
            $proj.Project.Sdk | Should -Be 'Microsoft.NET.Sdk'
            $proj.OuterXml | Should -Match 'runtimes/\$\(|runtimes\\|runtimes/'
            $proj.OuterXml | Should -Not -Match 'CippJson|Management\.Automation'
            $compiled = @($proj.Project.ItemGroup.Compile.Include -split ';' | Sort-Object)
            $compiled | Should -Be @($script:Sources | ForEach-Object { [System.IO.Path]::GetFileName($_) } | Sort-Object)
            $cargo = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($script:Root, 'Cargo.toml'))
            $proj.Project.PropertyGroup.Version | Should -Be ([regex]::Match($cargo, '(?m)^version\s*=\s*"([^"]+)"').Groups[1].Value)
        }
    }

    Context 'strings are sent as given or refused' {
        BeforeAll {
            Reset-CippMock -Mock $script:Mock
            $script:Str = Invoke-BindingScript @'
$c = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http }))
function Q([string]$k, [string]$v) { $q = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new(); $q.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($k, $v)); , $q }
$nul = [string][char]0
$lone = [string][char]0xD800
$tf = Q 'tenantFilter' 'contoso.onmicrosoft.com'
$body = '{"ID":"a' + $nul + 'b","n":"é' + [char]::ConvertFromUtf32(0x1F600) + '"}'
$sent = $c.InvokeRestMethod('POST', 'ExecResetPass', $tf, $body, $null)
[ordered]@{
    Endpoint = Get-Failure { $c.InvokeRestMethod('GET', "ListTenants$nul/../../x", $null, $null, $null) }
    QueryValue = Get-Failure { $c.InvokeRestMethod('GET', 'ListTenants', (Q 'tenantFilter' "abc${nul}def"), $null, $null) }
    QueryKey = Get-Failure { $c.InvokeRestMethod('GET', 'ListTenants', (Q "a${nul}b" 'x'), $null, $null) }
    Surrogate = Get-Failure { $c.InvokeRestMethod('GET', 'ListTenants', (Q 'tenantFilter' "abc$lone"), $null, $null) }
    BodySurrogate = Get-Failure { $c.InvokeRestMethod('POST', 'ExecResetPass', $tf, "{`"a`":`"$lone`"}", $null) }
    AsyncEndpoint = Get-Failure { $c.InvokeRestMethodAsync('GET', "ListTenants$nul", $null, $null, $null) }
    PreviewEndpoint = Get-Failure { $c.Preview('GET', "ListTenants$nul", $null, $null, $null) }
    LogsSeverity = Get-Failure { $c.GetLogs("error${nul}x", $null, $null, $null) }
    BatchBody = Get-Failure { $c.StartBatch('POST', 'ExecResetPass', 'tenantFilter', [CippApi.CippTenantIn]::Query, [string[]]@('a'), $null, "{`"a`":`"$lone`"}", $null, 2) }
    BatchTenant = Get-Failure { $c.StartBatch('POST', 'ExecResetPass', 'tenantFilter', [CippApi.CippTenantIn]::Query, [string[]]@("a${nul}b"), $null, $null, $null, 2) }
    Describe = Get-Failure { [CippApi.CippCatalog]::Describe("ListLogs${nul}x") }
    Secret = Get-Failure { [CippApi.CippClient]::new($mock.client_id, "s${nul}x", $mock.http, $mock.tenant_id, $null) }
    ApiUrl = Get-Failure { [CippApi.CippClient]::new($mock.client_id, 's', "$($mock.http)$lone", $mock.tenant_id, $null) }
    SentStatus = $sent.StatusCode
    Body = $body
}
'@
            $script:StrRecorded = @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*')
        }

        It 'a NUL character or a lone surrogate is refused with ArgumentException naming the argument: <Case>' -ForEach @(
            @{ Case = 'Endpoint'; Name = 'endpoint' }
            @{ Case = 'QueryValue'; Name = 'query' }
            @{ Case = 'QueryKey'; Name = 'query' }
            @{ Case = 'Surrogate'; Name = 'query' }
            @{ Case = 'BodySurrogate'; Name = 'body' }
            @{ Case = 'AsyncEndpoint'; Name = 'endpoint' }
            @{ Case = 'PreviewEndpoint'; Name = 'endpoint' }
            @{ Case = 'LogsSeverity'; Name = 'severity' }
            @{ Case = 'BatchBody'; Name = 'body' }
            @{ Case = 'BatchTenant'; Name = 'tenants' }
            @{ Case = 'Describe'; Name = 'endpoint' }
            @{ Case = 'Secret'; Name = 'clientSecret' }
            @{ Case = 'ApiUrl'; Name = 'apiUrl' }
        ) {
            $script:Str[$Case].Type | Should -Be 'System.ArgumentException'
            $script:Str[$Case].ParamName | Should -BeExactly $Name
            $script:Str[$Case].Message | Should -Match 'NUL|surrogate'
        }

        It 'nothing refused reached the server; the body with a NUL went out byte for byte' {
            @($script:StrRecorded | Where-Object { $_.path -ne '/api/ExecResetPass' }) | Should -BeNullOrEmpty
            @($script:StrRecorded).Count | Should -Be 1
            $script:Str.SentStatus | Should -Be 200
            $script:StrRecorded[0].body | Should -BeExactly $script:Str.Body
        }
    }

    Context 'asynchronous calls' {
        BeforeAll {
            Reset-CippMock -Mock $script:Mock
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'delay'; ms = 1500; times = 0 }
            $script:Async = Invoke-BindingScript @'
$c = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http }))
$short = [CippApi.CippClient]::new($mock.client_id, $mock.client_secret, $mock.http, $mock.tenant_id, (New-Settings @{ authority_host = $mock.http; timeout_secs = '1'; max_retries = '0' }))
[ordered]@{
    Concurrent = [CippHarness]::ConcurrentAsync($c, '/api/ListTenants', 64)
    CancelOne = [CippHarness]::CancelOne($c, '/api/ListTenants')
    CancelBlocking = [CippHarness]::CancelBlocking($c, '/api/ListTenants')
    Timeout = [CippHarness]::TimeoutCall($short, '/api/ListTenants')
}
'@
            Reset-CippMock -Mock $script:Mock
        }

        It '64 concurrent calls of 1.5 s each finish together, without a thread each' {
            $elapsed, $ok, $threads = $script:Async.Concurrent
            Write-Host "  64 async calls of 1.5 s: $elapsed ms, thread growth $threads"
            $ok | Should -Be 64
            $elapsed | Should -BeLessThan 8000
            $threads | Should -BeLessThan 16
        }

        It 'a cancellation token ends its call at once with OperationCanceledException; the other call completes' {
            $outcome, $ms, $other, $pre = $script:Async.CancelOne
            $outcome | Should -Be 'OperationCanceledException'
            [int]$ms | Should -BeLessThan 1000
            $other | Should -Be '200'
            $pre | Should -Be 'True'
        }

        It 'a token cancels one blocking call at once (no callback thread); the other blocking call completes' {
            $outcome, $ms, $other, $plain, $pre = $script:Async.CancelBlocking
            $outcome | Should -Be 'OperationCanceledException'
            [int]$ms | Should -BeLessThan 1000
            $other | Should -Be '200'
            $plain | Should -Be '200'
            $pre | Should -Be 'OperationCanceledException'
        }

        It 'a native timeout is a CippException(Timeout) carrying a TimeoutException' {
            $script:Async.Timeout[0] | Should -Be 'System.TimeoutException'
            $script:Async.Timeout[1] | Should -Be 'Timeout'
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
            [System.IO.File]::WriteAllText($c, "unsigned int cipp_abi_version(void) { return 99; }`nconst char *cipp_version(void) { return `"9.9.9`"; }`n")
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
                $r[$k].Message | Should -Match 'C ABI version 99'
                $r[$k].Message | Should -Match 'C ABI version 2'
            }
        }
    }
}
