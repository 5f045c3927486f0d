#Requires -Version 7.0
# Pester 5 tests of issue 4 against the cipp-mock server: stopping a running call (Ctrl+C / PowerShell.Stop())
# cancels the native call promptly and leaves the module usable; failures CIPP reports with HTTP 200 become
# warnings; retries show in the verbose stream; endpoint catalog findings become warnings (verbose for the module's
# own commands) or refusals with -StrictParameters; Get-CIPPGraphRequestAll follows nextLink; Wait-CIPPQueue.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Resilience.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Mock = Start-CippMock
    $script:SavedEnv = @{ CIPPAPI_AUTHORITY_HOST = $env:CIPPAPI_AUTHORITY_HOST; CIPPAPI_CA_FILE = $env:CIPPAPI_CA_FILE }
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $env:CIPPAPI_CA_FILE = $null
    $script:Module = Import-CippModuleForTest

    function script:Connect-Mock([hashtable]$Extra = @{}) {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id @Extra
    }
    Connect-Mock

    # Resets the mock (which forgets issued tokens), then makes one call so the module holds a valid token again,
    # and clears the record: request counts in a test then see only that test's calls.
    function script:Reset-MockWarm {
        Reset-CippMock -Mock $script:Mock
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
        Clear-CippMockRequest -Mock $script:Mock
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    foreach ($k in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $script:SavedEnv[$k]) }
    Remove-Module CIPPAPIModule -ErrorAction Ignore
}

Describe 'Stopping a running call (Ctrl+C)' {
    BeforeAll {
        # A second runspace with its own module instance, driven like a console: BeginInvoke, then Stop().
        $script:Runspace = [runspacefactory]::CreateRunspace()
        $script:Runspace.Open()
        $script:Shell = [powershell]::Create()
        $script:Shell.Runspace = $script:Runspace
        $manifest = [System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
        $null = $script:Shell.AddScript({
                param($Manifest, $Mock)
                Import-Module $Manifest -ErrorAction Stop
                Set-CIPPAPIDetails -CIPPClientID $Mock.client_id -CIPPClientSecret $Mock.client_secret -CIPPAPIUrl $Mock.http -TenantID $Mock.tenant_id
                @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count
            }).AddArgument($manifest).AddArgument($script:Mock)
        $warm = $script:Shell.Invoke()
        if ($script:Shell.HadErrors) { throw "setup failed: $($script:Shell.Streams.Error | Out-String)" }
        $warm[0] | Should -BeGreaterThan 0
    }
    AfterAll {
        if ($script:Shell) { $script:Shell.Dispose() }
        if ($script:Runspace) { $script:Runspace.Dispose() }
    }

    It 'stops within 1.5 s while the server takes 10 s, sends the request once, and the next call works' -ForEach @(
        @{ Case = 'Invoke-CIPPRestMethod'; Script = { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' } }; Path = '/api/ListUsers' }
        @{ Case = 'a generated command'; Script = { Get-CIPPUsers -CustomerTenantID 'contoso.onmicrosoft.com' }; Path = '/api/ListUsers' }
        @{ Case = 'Get-CIPPLogs'; Script = { Get-CIPPLogs }; Path = '/api/ListLogs' }
    ) {
        Clear-CippMockRequest -Mock $script:Mock
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = $Path.Substring(5); kind = 'delay'; ms = 10000; times = 1 }
        $script:Shell.Commands.Clear()
        $script:Shell.Streams.ClearStreams()
        $null = $script:Shell.AddScript("`$VerbosePreference = 'Continue'; `$DebugPreference = 'Continue'; " + $Script.ToString())
        $async = $script:Shell.BeginInvoke()
        # Wait until the request is on the server, i.e. the native call is blocked in the delay.
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not @(Get-CippMockRequest -Mock $script:Mock -Path $Path).Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the request never reached the mock' }
            Start-Sleep -Milliseconds 20
        }
        Start-Sleep -Milliseconds 200
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $script:Shell.Stop()
        $sw.Stop()
        $sw.ElapsedMilliseconds | Should -BeLessThan 1500
        $script:Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $stopError = $null
        try { $null = $script:Shell.EndInvoke($async) } catch { $stopError = $_ }
        @(Get-CippMockRequest -Mock $script:Mock -Path $Path).Count | Should -Be 1 -Because 'a cancelled call is not retried'

        # Secret hygiene of a cancelled run: no secret and no token on any stream or in the stop error.
        $streams = $script:Shell.Streams
        $text = (@($streams.Error) + @($streams.Verbose) + @($streams.Debug) + @($streams.Warning) + @($streams.Information) |
                ForEach-Object { $_ | Format-List * -Force | Out-String }) -join "`n"
        if ($stopError) { $text += ($stopError | Format-List * -Force | Out-String) + $stopError.Exception.ToString() }
        $text | Should -Not -Match ([regex]::Escape($script:Mock.client_secret))
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}'
        $script:Shell.Streams.ClearStreams()

        # The module instance is still usable: the next call answers at once (the fault was for one request).
        $script:Shell.Commands.Clear()
        $null = $script:Shell.AddScript({ @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count })
        $sw.Restart()
        $next = $script:Shell.Invoke()
        $sw.Stop()
        $script:Shell.HadErrors | Should -BeFalse -Because ($script:Shell.Streams.Error | Out-String)
        $next[0] | Should -BeGreaterThan 0
        $sw.ElapsedMilliseconds | Should -BeLessThan 3000
        $script:Shell.Streams.ClearStreams()
    }

    It 'stopping one runspace cancels its own call only: another runspace''s call on the same process-wide client completes' {
        # Runspace B has no details of its own: it uses the process-wide client of the last Set-CIPPAPIDetails, A's.
        $script:Shell.Commands.Clear()
        $null = $script:Shell.AddScript({
                param($Mock)
                Set-CIPPAPIDetails -CIPPClientID $Mock.client_id -CIPPClientSecret $Mock.client_secret -CIPPAPIUrl $Mock.http -TenantID $Mock.tenant_id
            }).AddArgument($script:Mock)
        $null = $script:Shell.Invoke()
        $other = [powershell]::Create()
        try {
            $manifest = [System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
            $null = $other.AddScript({ param($Manifest) Import-Module $Manifest -ErrorAction Stop }).AddArgument($manifest)
            $null = $other.Invoke()
            Clear-CippMockRequest -Mock $script:Mock
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListUsers'; kind = 'delay'; ms = 2500; times = 2 }
            $call = { @(Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }).Count }
            $other.Commands.Clear()
            $null = $other.AddScript($call)
            $script:Shell.Commands.Clear()
            $script:Shell.Streams.ClearStreams()
            $null = $script:Shell.AddScript($call)
            $otherAsync = $other.BeginInvoke()
            $async = $script:Shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (@(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListUsers').Count -lt 2) {
                if ([DateTime]::UtcNow -gt $deadline) { throw 'both requests never reached the mock' }
                Start-Sleep -Milliseconds 20
            }
            $script:Shell.Stop()
            try { $null = $script:Shell.EndInvoke($async) } catch { $null = $_ }
            $script:Shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $rows = $other.EndInvoke($otherAsync)
            $other.HadErrors | Should -BeFalse -Because ($other.Streams.Error | Out-String)
            $rows[0] | Should -BeGreaterThan 0 -Because 'the call of the runspace that was not stopped still gets its answer'
        } finally {
            $other.Dispose()
            Reset-CippMock -Mock $script:Mock
        }
    }

    It 'a stop in the middle of the connection doctor returns promptly too' {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'delay'; ms = 10000; times = 1 }
        $script:Shell.Commands.Clear()
        $null = $script:Shell.AddScript({ Test-CIPPApiConnection -Diagnose -WarningAction SilentlyContinue })
        $async = $script:Shell.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (-not @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListApiTest').Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'the doctor never called ListApiTest' }
            Start-Sleep -Milliseconds 20
        }
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $script:Shell.Stop()
        $sw.ElapsedMilliseconds | Should -BeLessThan 1500
        try { $null = $script:Shell.EndInvoke($async) } catch { $null = $_ }
        Reset-CippMock -Mock $script:Mock
    }
}

Describe 'Request timeouts' {
    AfterAll { Reset-CippMock -Mock $script:Mock; Connect-Mock }

    It 'keep the library''s message and name PowerShell''s -TimeoutSeconds' {
        Connect-Mock -Extra @{ TimeoutSeconds = 1 }
        Reset-MockWarm
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListUsers'; kind = 'delay'; ms = 3000; times = 0 }
        $err = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' } } catch { $err = $_ }
        $err.Exception.Status | Should -Be ([CippApi.CippStatus]::Timeout)
        $err.ErrorDetails.Message | Should -BeExactly $err.Exception.Message
        $err.ErrorDetails.RecommendedAction | Should -Match '-TimeoutSeconds'
    }
}

Describe 'Queued answers' {
    BeforeEach { Reset-MockWarm }

    It 'any command warns about a queued answer, naming the QueueId and how to get the results' {
        # Invoke-CIPPRestMethod is a simple function (no -WarningVariable): collect the warning stream instead.
        $all = @(Invoke-CIPPRestMethod -Endpoint '/api/ListGraphRequest' -Params @{ tenantFilter = 'AllTenants'; Endpoint = 'users' } 3>&1)
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $out = $all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }
        $id = [string]$out.Metadata.QueueId
        $id | Should -Not -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
        "$warnings" | Should -Match ([regex]::Escape("QueueId $id"))
        "$warnings" | Should -Match ([regex]::Escape("Wait-CIPPQueue -QueueId $id"))
        # The answer itself is returned unchanged.
        $out.Metadata.Queued | Should -BeTrue
    }

    It 'the fan-out warns too (ListGraphRequest for AllTenants)' {
        $warnings = @(Invoke-CIPPForEachTenant -TenantFilter 'AllTenants' -Endpoint '/api/ListGraphRequest' -Params @{ Endpoint = 'devices' } 3>&1 |
                Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        "$warnings" | Should -Match '^AllTenants: CIPP queued this request.*Wait-CIPPQueue -QueueId'
    }

    It 'an answer that is not queued gives no queue warning' {
        $warnings = $null
        $warnings = @(Invoke-CIPPRestMethod -Endpoint '/api/ListGraphRequest' -Params @{ tenantFilter = 'contoso.onmicrosoft.com'; Endpoint = 'users' } 3>&1 |
                Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 0
    }
}

Describe 'Failures CIPP reports with HTTP 200' {
    BeforeEach { Reset-MockWarm }

    It 'a "Failed ..." Results string becomes a warning and the answer is still returned' {
        $out = @(New-CIPPUserOffboarding -CustomerTenantID 'contoso.onmicrosoft.com' -User 'fail.user@contoso.com' -WarningVariable w -WarningAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Results | Should -Be 'Failed to offboard user: mock failure'
        @($w).Count | Should -Be 1
        "$($w[0])" | Should -Be 'Failed to offboard user: mock failure'
    }

    It 'Results items with state "error" each become a warning with their text' {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ExecOffboardUser'; kind = 'status'; status = 200; content_type = 'application/json'; body = '{"Results":[{"resultText":"Removed licenses","state":"success"},{"resultText":"Could not revoke sessions: denied","state":"error"}]}' }
        $out = @(Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ tenantFilter = 'c'; user = 'u' } 3>&1)
        $warnings = @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        @($warnings.Message) | Should -Be @('Could not revoke sessions: denied')
        @($out | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }).Count | Should -Be 1
    }

    It 'a successful answer writes no warning' {
        $null = New-CIPPUserOffboarding -CustomerTenantID 'contoso.onmicrosoft.com' -User 'ada@contoso.com' -WarningVariable w
        @($w).Count | Should -Be 0
    }
}

Describe 'Retries, catalog findings and strict parameters' {
    BeforeEach { Reset-MockWarm }
    AfterAll { Connect-Mock }

    It 'shows a retry of a generated command in the verbose stream (-Verbose)' {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'status'; status = 503; times = 1 }
        $out = Get-CIPPTenants -Verbose 4>&1
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match '503'
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListTenants').Count | Should -Be 2
    }

    It 'warns where a direct call''s parameters differ from the endpoint catalog (and still sends it)' {
        # ExecDisableUser reads a fixed set of body keys (ExecOffboardUser forwards its body: never flagged).
        $out = @(Invoke-CIPPRestMethod -Endpoint '/api/ExecDisableUser' -Method POST -Body @{ tenantFilter = 'c'; ID = 'u'; bogusKey = 1 } 3>&1)
        $warnings = @(@($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message)
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -Match '^Catalog check: ExecDisableUser does not read bogusKey'
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ExecDisableUser').Count | Should -Be 1
    }

    It 'warns once for a fan-out whose parameters differ from the catalog, as for a direct call' {
        $tenants = @(Get-CIPPTenants | Select-Object -First 2 -ExpandProperty defaultDomainName)
        $out = @($tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListUsers' -Params @{ bogusKey = 1 } -NoProgress 3>&1 2>$null)
        $warnings = @(@($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message)
        $warnings | Should -HaveCount 1 -Because 'the check is the same for every tenant'
        $warnings[0] | Should -Match '^Catalog check: ListUsers does not read bogusKey'
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListUsers').Count | Should -Be $tenants.Count
    }

    It 'names the parameter a direct call probably meant (a misspelling, or the start of a name)' {
        # The mock answers 400 (tenantFilter missing), after the warnings.
        $out = @(try { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenant = 'contoso.onmicrosoft.com' } 3>&1 } catch { $null = $_ })
        $warnings = @(@($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message)
        $warnings | Should -Contain 'Catalog check: ListUsers requires tenantFilter (not given)'
        ($warnings -join "`n") | Should -Match ([regex]::Escape('ListUsers does not read tenant (did you mean tenantFilter?); it reads'))
        $out = @(try { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tennatFilter = 'contoso.onmicrosoft.com' } 3>&1 } catch { $null = $_ })
        (@($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message -join "`n") |
            Should -Match ([regex]::Escape('does not read tennatFilter (did you mean tenantFilter?)'))
    }

    It 'the module''s own commands (1.2.12 requests) put the findings in the verbose stream, not warnings' {
        $out = @(Add-CIPPRoomMailbox -CustomerTenantID 'contoso.onmicrosoft.com' -DisplayName 'Room' -Username 'room' -Domain 'contoso.com' -Verbose 3>&1 4>&1)
        @($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
        (@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match 'Catalog check: AddRoomMailbox'
    }

    It '-StrictParameters refuses a mismatched call before sending it' {
        Connect-Mock -Extra @{ StrictParameters = $true }
        $err = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ExecDisableUser' -Method POST -Body @{ ID = 'u'; bogusKey = 1 }; throw 'not refused' } catch { $err = $_ }
        $err.Exception | Should -BeOfType ([CippApi.CippException])
        $err.Exception.Message | Should -Match 'ExecDisableUser'
        $err.Exception.Message | Should -Match 'bogusKey'
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ExecDisableUser').Count | Should -Be 0
        (Invoke-CIPPRestMethod -Endpoint '/api/ExecDisableUser' -Method POST -Body @{ tenantFilter = 'c'; ID = 'u' }).Results | Should -Match 'accepted'
    }
}

Describe 'Get-CIPPGraphRequestAll' {
    BeforeEach { Reset-MockWarm }

    It 'follows Metadata.nextLink until the last page' {
        $users = @(Get-CIPPGraphRequestAll -CustomerTenantID 'contoso.onmicrosoft.com' -Endpoint 'users' -PageSize 100)
        $users.Count | Should -Be 250
        @($users.id | Sort-Object -Unique).Count | Should -Be 250
        $requests = @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListGraphRequest')
        $requests.Count | Should -Be 3
        $first = @($requests[0].raw_query -split '&')
        $first | Should -Contain 'manualPagination=true'
        $first | Should -Contain '$top=100'
        $first | Should -Contain 'tenantFilter=contoso.onmicrosoft.com'
        $first | Should -Contain 'Endpoint=users'
        $requests[0].raw_query | Should -Not -Match 'nextLink='
        [uri]::UnescapeDataString($requests[1].raw_query) | Should -Match 'nextLink=https://graph\.microsoft\.com/beta/users\?'
    }

    It 'stops at -MaxPages with a warning that more items exist' {
        $users = @(Get-CIPPGraphRequestAll -CustomerTenantID 'contoso.onmicrosoft.com' -Endpoint 'users' -PageSize 100 -MaxPages 2 -WarningVariable w -WarningAction SilentlyContinue)
        $users.Count | Should -Be 200
        "$w" | Should -Match 'more items exist'
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListGraphRequest').Count | Should -Be 2
    }

    It 'stops with an error when the server repeats a nextLink' {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListGraphRequest'; kind = 'status'; status = 200; times = 0; content_type = 'application/json'; body = '{"Results":[{"id":"1"}],"Metadata":{"nextLink":"https://graph.microsoft.com/beta/users?$skiptoken=same"}}' }
        $out = [System.Collections.Generic.List[object]]::new()
        { Get-CIPPGraphRequestAll -CustomerTenantID 'contoso.onmicrosoft.com' -Endpoint 'users' | ForEach-Object { $out.Add($_) } } |
            Should -Throw -ExpectedMessage '*same nextLink twice*'
        $out.Count | Should -Be 2
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListGraphRequest').Count | Should -Be 2
    }

    It 'a queued answer (AllTenants) is an error naming the QueueId and Wait-CIPPQueue, not an empty complete result' {
        $warnings = $null
        $caught = $null
        $rows = @()
        try {
            # Collected as they come: what was written before the error is kept.
            $all = [System.Collections.Generic.List[object]]::new()
            Get-CIPPGraphRequestAll -CustomerTenantID 'AllTenants' -Endpoint 'groups' 3>&1 | ForEach-Object { $all.Add($_) }
        } catch { $caught = $_ }
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $rows = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        $rows.Count | Should -Be 0
        $caught | Should -Not -BeNullOrEmpty -Because 'an empty queued answer must not look like a complete, empty list'
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.Queued*'
        $caught.CategoryInfo.Category | Should -Be 'ResourceBusy'
        $id = [string]$caught.TargetObject
        $id | Should -Match '^[0-9a-f-]{36}$'
        $caught.Exception.Message | Should -Match ([regex]::Escape("Wait-CIPPQueue -QueueId $id"))
        @($warnings).Count | Should -Be 0 -Because 'the queued answer is reported once, as the error, not also as a warning'
        # Once the job is done, the same command completes without an error. ('groups': the mock's AllTenants
        # answer for 'users' deadlocks the mock when the job is done; reported to its owner.)
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        do {
            $caught = $null
            try { $null = @(Get-CIPPGraphRequestAll -CustomerTenantID 'AllTenants' -Endpoint 'groups' -WarningAction SilentlyContinue) } catch { $caught = $_ }
        } while ($caught -and [datetime]::UtcNow -lt $deadline)
        $caught | Should -BeNullOrEmpty
    }

    It 'has help for every parameter' {
        $help = Get-Help Get-CIPPGraphRequestAll -Full
        foreach ($p in 'CustomerTenantID', 'Endpoint', 'Select', 'Filter', 'PageSize', 'Version', 'MaxPages', 'AdditionalParams') {
            "$(($help.Parameters.Parameter | Where-Object Name -EQ $p).Description.Text)" | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Wait-CIPPQueue' {
    BeforeEach { Reset-MockWarm }

    It 'polls ListCippQueue?QueueId= until Completed and returns the item' {
        $item = Invoke-RestMethod -Method Post -Uri "$($script:Mock.http)/_mock/queue" -NoProxy -ContentType 'application/json' -Body '{"name":"Cache refresh","total_tasks":4}'
        $done = Wait-CIPPQueue -QueueId $item.RowKey -PollIntervalSeconds 0.05 -WarningVariable w
        $done.Status | Should -Be 'Completed'
        $done.CompletedTasks | Should -Be 4
        @($w).Count | Should -Be 0
        $polls = @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListCippQueue')
        $polls.Count | Should -Be 3
        $polls[0].raw_query | Should -Be "QueueId=$($item.RowKey)"
    }

    It 'warns when the item completes with errors' {
        $item = Invoke-RestMethod -Method Post -Uri "$($script:Mock.http)/_mock/queue" -NoProxy -ContentType 'application/json' -Body '{"name":"Job","total_tasks":5,"failed_tasks":2}'
        $done = Wait-CIPPQueue -QueueId $item.RowKey -PollIntervalSeconds 0.05 -WarningVariable w -WarningAction SilentlyContinue
        $done.Status | Should -Be 'Completed (with errors)'
        "$w" | Should -Match '2 of 5'
    }

    It 'stops with a clear OperationTimeout error after -TimeoutSeconds' {
        $id = [guid]::NewGuid()
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $err = $null
        try { Wait-CIPPQueue -QueueId $id -TimeoutSeconds 1 -PollIntervalSeconds 0.2; throw 'no timeout' } catch { $err = $_ }
        $sw.Stop()
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.FullyQualifiedErrorId | Should -Match 'CIPPAPI.QueueTimeout'
        $err.Exception.Message | Should -Match ([regex]::Escape("$id"))
        $err.Exception.Message | Should -Match 'within 1 s'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 4
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListCippQueue').Count | Should -BeGreaterOrEqual 3
    }

    It 'takes the QueueId from a queue item on the pipeline (RowKey)' {
        $item = Invoke-RestMethod -Method Post -Uri "$($script:Mock.http)/_mock/queue" -NoProxy -ContentType 'application/json' -Body '{"name":"Pipe","total_tasks":2}'
        ($item | Wait-CIPPQueue -PollIntervalSeconds 0.05).Status | Should -Be 'Completed'
    }
}

Describe 'Behind a proxy' {
    # The mock's plain-HTTP listener is also a CONNECT proxy (loopback targets only) that records each CONNECT.
    BeforeAll {
        $script:SavedProxy = @{}
        foreach ($name in 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy') {
            $script:SavedProxy[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        $script:SavedCa = $env:CIPPAPI_CA_FILE
        $env:CIPPAPI_CA_FILE = $script:Mock.ca_file
        $script:Target = $script:Mock.https -replace '^https://', ''
        function script:Get-Tunnel { @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.method -eq 'CONNECT' -and $_.path -eq $script:Target }) }
    }
    AfterAll {
        foreach ($name in $script:SavedProxy.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedProxy[$name]) }
        $env:CIPPAPI_CA_FILE = $script:SavedCa
        Connect-Mock
    }

    It 'uses $env:HTTPS_PROXY set in the session (which the native library cannot see on Unix), and $env:NO_PROXY' {
        Clear-CippMockRequest -Mock $script:Mock
        $env:HTTPS_PROXY = $script:Mock.http
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
        @(Get-Tunnel).Count | Should -BeGreaterOrEqual 1 -Because 'the call went through the proxy'
        $env:NO_PROXY = '127.0.0.1'
        Clear-CippMockRequest -Mock $script:Mock
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
        @(Get-Tunnel).Count | Should -Be 0 -Because 'NO_PROXY names the host'
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListTenants').Count | Should -Be 1
    }

    It 'names a proxy that cannot be reached as the cause, with the fix, and never its password' {
        $env:NO_PROXY = $null
        $free = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $free.Start(); $port = $free.LocalEndpoint.Port; $free.Stop()
        $env:HTTPS_PROXY = "http://me:pr0xy-s3cret@127.0.0.1:$port"
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id
        $err = $null
        try { Get-CIPPTenants -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Match 'the proxy could not be reached'
        $err.Exception.Message | Should -Match 'NO_PROXY'
        $err.Exception.Message | Should -Not -Match 'pr0xy-s3cret'
        $env:HTTPS_PROXY = 'http://me:pr0xy-s3cret@not a host:1'
        $bad = $null
        try { Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id } catch { $bad = $_ }
        $bad.Exception.Message | Should -Match 'HTTPS_PROXY'
        $bad.Exception.Message | Should -Not -Match 'pr0xy-s3cret'
        $env:HTTPS_PROXY = $null
    }
}
