#Requires -Version 7.0
# Pester 5 tests of Invoke-CIPPForEachTenant against the cipp-mock server: concurrency (wall time), each tenant once
# in the output and on the wire, tenant in query or body, per-tenant failures as non-terminating errors, pipeline
# input by property name, progress, and stopping mid-batch.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/FanOut.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Mock = Start-CippMock
    $script:SavedAuthority = $env:CIPPAPI_AUTHORITY_HOST
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $script:Module = Import-CippModuleForTest

    function script:Connect-Mock {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
            -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id
    }

    # The /api requests to one endpoint recorded since the last clear.
    function script:Get-EndpointRequest([string]$Name) {
        @(Get-CippMockRequest -Mock $script:Mock -Path "/api/$Name")
    }

    function script:Clear-MockFault {
        $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
    }

    # A query value of a recorded request (the recorder keeps the query as [key, value] pairs).
    function script:Get-QueryValue($Request, [string]$Key) {
        foreach ($pair in $Request.query) { if ($pair[0] -eq $Key) { return $pair[1] } }
    }

    # A runspace with the module imported and connected to the mock, for progress and stop tests.
    function script:New-ConnectedPowerShell {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Helpers, $Mock)
                Import-Module $Helpers
                $null = Import-CippModuleForTest
                Set-CIPPAPIDetails -CIPPClientID $Mock.client_id -CIPPClientSecret $Mock.client_secret `
                    -CIPPAPIUrl $Mock.http -TenantID $Mock.tenant_id
            }).AddArgument([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')).AddArgument($script:Mock)
        $null = $ps.Invoke()
        if ($ps.HadErrors) { throw "setting up the runspace failed: $($ps.Streams.Error | Out-String)" }
        $ps.Commands.Clear()
        $ps.Streams.ClearStreams()
        $ps
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    $env:CIPPAPI_AUTHORITY_HOST = $script:SavedAuthority
    Remove-Module CIPPAPIModule -ErrorAction Ignore
}

Describe 'Invoke-CIPPForEachTenant without API details' {
    BeforeAll {
        # No details in this process (another suite in the same pwsh may have set them).
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        $null = Import-CippModuleForTest
    }
    It 'stops with the not-configured error and sends nothing' {
        Clear-CippMockRequest -Mock $script:Mock
        { Invoke-CIPPForEachTenant -TenantFilter 'a.onmicrosoft.com' -Endpoint '/api/ListApiTest' } |
            Should -Throw -ExpectedMessage ([CippApi.CippClient]::NotConfiguredMessage('powershell'))
        @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 0
    }
}

Describe 'Invoke-CIPPForEachTenant' {
    BeforeAll {
        Connect-Mock
    }

    BeforeEach {
        # Not /_mock/reset: that also forgets issued tokens (the next call would first re-authenticate).
        Clear-MockFault
        $null = Set-CippMockConfig -Mock $script:Mock -Config @{ latency_ms = 0; tenant_count = 0 }
        Clear-CippMockRequest -Mock $script:Mock
    }

    Context 'command surface' {
        It 'has the documented parameters' {
            $cmd = Get-Command Invoke-CIPPForEachTenant
            $p = $cmd.Parameters
            $p['TenantFilter'].ParameterType | Should -Be ([string[]])
            $attr = $p['TenantFilter'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] })[0]
            $attr.ValueFromPipeline | Should -BeTrue
            $attr.ValueFromPipelineByPropertyName | Should -BeTrue
            @($p['TenantFilter'].Aliases | Sort-Object) | Should -Be @('customerId', 'CustomerTenantID', 'defaultDomainName', 'Tenant')
            $p['Method'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })[0].ValidValues | Should -Be @('GET', 'POST')
            $p['TenantIn'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })[0].ValidValues | Should -Be @('Query', 'Body')
            $range = $p['ThrottleLimit'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })[0]
            $range.MinRange | Should -Be 1
            $range.MaxRange | Should -Be 256
            $p['NoProgress'].ParameterType | Should -Be ([switch])
            foreach ($name in 'Endpoint', 'Params', 'Body', 'ContentType', 'TenantParameterName') { $p.ContainsKey($name) | Should -BeTrue }
        }

        It 'rejects a throttle outside 1-256' {
            { Invoke-CIPPForEachTenant -TenantFilter a -Endpoint x -ThrottleLimit 0 } | Should -Throw
            { Invoke-CIPPForEachTenant -TenantFilter a -Endpoint x -ThrottleLimit 257 } | Should -Throw
        }
    }

    Context 'concurrency' {
        It 'runs 40 tenants at throttle 8 much faster than one after another, each tenant exactly once' {
            $null = Set-CippMockConfig -Mock $script:Mock -Config @{ latency_ms = 100 }
            $tenants = 1..40 | ForEach-Object { "tenant$_.onmicrosoft.com" }
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $results = @($tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -ThrottleLimit 8 -NoProgress)
            $elapsed = $sw.Elapsed.TotalSeconds
            # Sequential: 40 x 0.1 s = 4 s; ideal at throttle 8: 0.5 s. Generous bound for a busy 2-core machine.
            $elapsed | Should -BeLessThan (0.4 * 40 * 0.1)
            $results.Count | Should -Be 40
            @($results.CIPPTenant | Sort-Object) | Should -Be @($tenants | Sort-Object)
            foreach ($r in $results) { $r.Query.tenantFilter | Should -Be $r.CIPPTenant }
            $wire = Get-EndpointRequest 'ListApiTest'
            $wire.Count | Should -Be 40
            @($wire | ForEach-Object { Get-QueryValue $_ 'tenantFilter' } | Sort-Object) | Should -Be @($tenants | Sort-Object)
        }

        It 'never has more than -ThrottleLimit calls in flight (1 = one after another)' {
            $null = Set-CippMockConfig -Mock $script:Mock -Config @{ latency_ms = 100 }
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $results = @(1..4 | ForEach-Object { "t$_.com" } | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -ThrottleLimit 1 -NoProgress)
            $sw.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.38
            $results.Count | Should -Be 4
        }
    }

    Context 'requests' {
        It 'puts the tenant in the query under -TenantParameterName and keeps -Params' {
            $null = Invoke-CIPPForEachTenant -TenantFilter 'a.com', 'b.com' -Endpoint 'ListApiTest' -Params @{ Endpoint = 'users'; tenantFilter = 'ignored' } -NoProgress
            $wire = Get-EndpointRequest 'ListApiTest'
            $wire.Count | Should -Be 2
            @($wire | ForEach-Object { Get-QueryValue $_ 'tenantFilter' } | Sort-Object) | Should -Be @('a.com', 'b.com')
            foreach ($w in $wire) {
                $w.method | Should -Be 'GET'
                Get-QueryValue $w 'Endpoint' | Should -Be 'users'
                @($w.query).Count | Should -Be 2
                $w.body | Should -Be '{}'
            }
            Clear-CippMockRequest -Mock $script:Mock
            $null = Invoke-CIPPForEachTenant -TenantFilter 'a.com' -Endpoint 'ListApiTest' -TenantParameterName 'defaultDomainName' -NoProgress
            $only = (Get-EndpointRequest 'ListApiTest')[0]
            Get-QueryValue $only 'defaultDomainName' | Should -Be 'a.com'
        }

        It 'puts the tenant in the JSON body with -TenantIn Body' {
            $tenants = 'a.onmicrosoft.com', 'b.onmicrosoft.com', 'c.onmicrosoft.com'
            $null = $tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ExecCIPPDBCache' -Method POST -Body @{ Name = 'Users'; Nested = @{ x = 1 } } -TenantIn Body -NoProgress
            $wire = Get-EndpointRequest 'ExecCIPPDBCache'
            $wire.Count | Should -Be 3
            $bodies = foreach ($w in $wire) {
                $w.method | Should -Be 'POST'
                Get-QueryValue $w 'tenantFilter' | Should -BeNullOrEmpty
                $w.body | ConvertFrom-Json
            }
            @($bodies.tenantFilter | Sort-Object) | Should -Be $tenants
            foreach ($b in $bodies) {
                $b.Name | Should -Be 'Users'
                $b.Nested.x | Should -Be 1
            }
        }

        It 'calls each tenant once when the input repeats it, and does nothing for no tenants' {
            $null = 'a.com', 'A.COM', ' a.com ', 'b.com', '', $null | Invoke-CIPPForEachTenant -Endpoint 'ListApiTest' -NoProgress
            (Get-EndpointRequest 'ListApiTest').Count | Should -Be 2
            Clear-CippMockRequest -Mock $script:Mock
            @(@() | Invoke-CIPPForEachTenant -Endpoint 'ListApiTest').Count | Should -Be 0
            @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 0
        }
    }

    Context 'results' {
        It 'unrolls arrays and tags every element with CIPPTenant' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 0
                body = '[{"id":1},{"id":2},{"id":3}]'; content_type = 'application/json' }
            $results = @(Invoke-CIPPForEachTenant -TenantFilter 'x.com', 'y.com' -Endpoint '/api/ListApiTest' -NoProgress)
            $results.Count | Should -Be 6
            @($results | Where-Object CIPPTenant -EQ 'x.com').id | Should -Be @(1, 2, 3)
            @($results | Where-Object CIPPTenant -EQ 'y.com').id | Should -Be @(1, 2, 3)
            Clear-MockFault
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 0
                body = '[]'; content_type = 'application/json' }
            @(Invoke-CIPPForEachTenant -TenantFilter 'x.com', 'y.com' -Endpoint '/api/ListApiTest' -NoProgress).Count | Should -Be 0
        }

        It 'converts JSON like Invoke-CIPPRestMethod (dates, nested arrays)' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 0
                body = '[{"when":"2025-01-02T03:04:05Z","list":[[1,2],[3]]}]'; content_type = 'application/json' }
            $direct = @(Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest')
            $fan = @(Invoke-CIPPForEachTenant -TenantFilter 'a.com' -Endpoint '/api/ListApiTest' -NoProgress)
            $fan.Count | Should -Be 1
            $fan[0].when | Should -BeOfType ([datetime])
            $fan[0].when | Should -Be $direct[0].when
            $fan[0].list.Count | Should -Be 2
            $fan[0].list[0].Count | Should -Be 2
            $fan[0].CIPPTenant | Should -Be 'a.com'
        }

        It 'wraps strings and numbers as { CIPPTenant; Value }' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 0
                body = '["one", 2, {"k":"v"}]'; content_type = 'application/json' }
            $fan = @(Invoke-CIPPForEachTenant -TenantFilter 'a.com' -Endpoint '/api/ListApiTest' -NoProgress)
            $fan.Count | Should -Be 3
            $fan[0].CIPPTenant | Should -Be 'a.com'
            $fan[0].Value | Should -Be 'one'
            $fan[1].Value | Should -Be 2
            $fan[2].k | Should -Be 'v'
            $fan[2].CIPPTenant | Should -Be 'a.com'
            Clear-MockFault
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 0
                body = 'plain text'; content_type = 'text/plain' }
            $text = @(Invoke-CIPPForEachTenant -TenantFilter 'a.com' -Endpoint '/api/ListApiTest' -NoProgress)
            $text.Count | Should -Be 1
            $text[0].Value | Should -Be 'plain text'
            @($text[0].PSObject.Properties.Name) | Should -Be @('CIPPTenant', 'Value')
        }

        It 'reports a tenant''s "Failed" answer to -WarningVariable and -WarningAction, naming the tenant' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 2
                body = '{"Results":"Failed to do it"}'; content_type = 'application/json' }
            $fan = @(Invoke-CIPPForEachTenant -TenantFilter 'a.com', 'b.com' -Endpoint '/api/ListApiTest' -NoProgress -WarningVariable wv -WarningAction SilentlyContinue)
            Clear-MockFault
            $fan.Count | Should -Be 2
            @($fan.CIPPTenant | Sort-Object) | Should -Be @('a.com', 'b.com')
            @($wv).Count | Should -Be 2
            @($wv | ForEach-Object Message | Sort-Object) | Should -Be @('a.com: Failed to do it', 'b.com: Failed to do it')
        }
    }

    Context 'failures' {
        It 'writes one non-terminating error for a failing tenant and the others succeed' {
            $tenants = 'ok1.onmicrosoft.com', 'failing.onmicrosoft.com', 'ok2.onmicrosoft.com', 'ok3.onmicrosoft.com'
            $results = @($tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListMailboxes' -NoProgress -ErrorVariable failures -ErrorAction SilentlyContinue)
            $results.Count | Should -Be 0   # the mock lists no mailboxes for the others
            $failures.Count | Should -Be 1
            $e = $failures[0]
            $e.TargetObject | Should -Be 'failing.onmicrosoft.com'
            $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
            $e.CategoryInfo.Activity | Should -Be 'Invoke-CIPPForEachTenant'
            $e.ErrorDetails.Message | Should -BeLike 'failing.onmicrosoft.com: *Insufficient privileges to complete the operation.*'
            [int]$e.Exception.Response.StatusCode | Should -Be 403
            $wire = Get-EndpointRequest 'ListMailboxes'
            @($wire | ForEach-Object { Get-QueryValue $_ 'tenantFilter' } | Sort-Object) | Should -Be @($tenants | Sort-Object)
        }

        It 'keeps going after an error with the default error action (nothing terminates)' {
            $output = & {
                $ErrorActionPreference = 'Continue'
                'failing.com', 'ok.com' | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress 2>$null
                'after'
            }
            @($output)[-1] | Should -Be 'after'
        }

        It 'reports a tenant without an answer (native failure) as an error naming the tenant' {
            # Every call fails at the connection level: the server resets it.
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'reset'; times = 0 }
            $results = @(Invoke-CIPPForEachTenant -TenantFilter 'a.com', 'b.com' -Endpoint '/api/ListApiTest' -NoProgress -ErrorVariable failures -ErrorAction SilentlyContinue)
            $results.Count | Should -Be 0
            $failures.Count | Should -Be 2
            @($failures.TargetObject | Sort-Object) | Should -Be @('a.com', 'b.com')
            foreach ($f in $failures) {
                $f.Exception | Should -BeOfType ([CippApi.CippException])
                $f.ErrorDetails.Message | Should -BeLike "$($f.TargetObject): *"
            }
        }
    }

    Context 'pipeline input' {
        It 'binds tenants by property name (defaultDomainName, customerId, CustomerTenantID, Tenant, TenantFilter)' {
            $objects = @(
                [pscustomobject]@{ defaultDomainName = 'p1.com'; displayName = 'One' }
                [pscustomobject]@{ CustomerTenantID = 'p2.com' }
                [pscustomobject]@{ Tenant = 'p3.com' }
                [pscustomobject]@{ TenantFilter = 'p4.com' }
                [pscustomobject]@{ customerId = '0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01' }
            )
            $results = @($objects | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress)
            @($results.CIPPTenant | Sort-Object) | Should -Be @('0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01', 'p1.com', 'p2.com', 'p3.com', 'p4.com')
        }

        It 'refuses an object without a tenant property (its text is no tenant) and calls the other tenants' {
            Clear-CippMockRequest -Mock $script:Mock
            $objects = @([pscustomobject]@{ id = 'x1' }, 'p5.com')
            $results = @($objects | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress -ErrorVariable failed -ErrorAction SilentlyContinue)
            @($results.CIPPTenant) | Should -Be @('p5.com')
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.TenantObject*'
            $failed[0].Exception.Message | Should -BeLike "'@{id=x1}' is not a tenant: *defaultDomainName, customerId*"
            @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListApiTest').Count | Should -Be 1
        }

        It 'takes the output of Get-CIPPTenants' {
            $null = Set-CippMockConfig -Mock $script:Mock -Config @{ tenant_count = 12 }
            $tenants = @(Get-CIPPTenants)
            $tenants.Count | Should -Be 12
            $results = @($tenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress)
            @($results.CIPPTenant | Sort-Object) | Should -Be @($tenants.defaultDomainName | Sort-Object)
        }
    }

    Context 'progress and stopping' {
        It 'shows completed/total progress unless -NoProgress' {
            $ps = New-ConnectedPowerShell
            try {
                $null = $ps.AddScript({
                        $ProgressPreference = 'Continue'
                        $null = 1..5 | ForEach-Object { "t$_.com" } | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest'
                    })
                $null = $ps.Invoke()
                $records = @($ps.Streams.Progress)
                $records.Count | Should -BeGreaterThan 0
                @($records | Where-Object { $_.StatusDescription -like '5 of 5 tenants done*' }).Count | Should -BeGreaterThan 0
                $records[-1].RecordType | Should -Be 'Completed'

                $ps.Commands.Clear(); $ps.Streams.ClearStreams()
                $null = $ps.AddScript({
                        $ProgressPreference = 'Continue'
                        $null = 1..5 | ForEach-Object { "t$_.com" } | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress
                    })
                $null = $ps.Invoke()
                @($ps.Streams.Progress).Count | Should -Be 0
            } finally {
                $ps.Dispose()
            }
        }

        It 'stops promptly mid-batch, sends no more calls, and the module keeps working' {
            $null = Set-CippMockConfig -Mock $script:Mock -Config @{ latency_ms = 1000 }
            $ps = New-ConnectedPowerShell
            try {
                $null = $ps.AddScript({
                        1..40 | ForEach-Object { "stop$_.com" } | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -ThrottleLimit 2 -NoProgress
                    })
                $async = $ps.BeginInvoke()
                Start-Sleep -Milliseconds 1500
                $sw = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $sw.Elapsed.TotalSeconds | Should -BeLessThan 2
                $async.IsCompleted | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'

                # Calls not yet started are not sent (at most the ones in flight may still arrive).
                Start-Sleep -Milliseconds 300
                $sent = (Get-EndpointRequest 'ListApiTest').Count
                $sent | Should -BeLessThan 10
                Start-Sleep -Milliseconds 1500
                (Get-EndpointRequest 'ListApiTest').Count | Should -BeLessOrEqual ($sent + 2)

                # The same runspace can run further calls.
                $null = Set-CippMockConfig -Mock $script:Mock -Config @{ latency_ms = 0 }
                $ps.Commands.Clear(); $ps.Streams.ClearStreams()
                $null = $ps.AddScript({ @('a.com', 'b.com' | Invoke-CIPPForEachTenant -Endpoint '/api/ListApiTest' -NoProgress).Count })
                $ps.Invoke()[0] | Should -Be 2
                $ps.HadErrors | Should -BeFalse
            } finally {
                $ps.Dispose()
            }
        }
    }
}

Describe 'Invoke-CIPPForEachTenant dry runs, confirmation and refusals' {
    BeforeAll {
        Connect-Mock
        $script:Two = @('t1.onmicrosoft.com', 't2.onmicrosoft.com')
        function script:Get-ApiRequestCount { @(Get-CippMockRequest -Mock $script:Mock).Count }
    }
    BeforeEach {
        # Reset (which forgets issued tokens), warm up a token, then clear: counts see only the test's own requests.
        Reset-CippMock -Mock $script:Mock
        Connect-Mock
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
        Clear-CippMockRequest -Mock $script:Mock
    }
    AfterEach {
        $global:WhatIfPreference = $false
    }
    AfterAll {
        Connect-Mock
    }

    It 'supports ShouldProcess with ConfirmImpact Low, like the generated changing commands' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Invoke-CIPPForEachTenant))
        $meta.SupportsShouldProcess | Should -BeTrue
        [string]$meta.ConfirmImpact | Should -Be 'Low'
    }

    It '-WhatIf prints each tenant''s request through the native preview and sends nothing, not even a token request' {
        $out = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body -WhatIf 6>&1
        $lines = @($out | ForEach-Object { "$_" })
        $heads = @($lines | Where-Object { $_ -like 'What if:*' })
        $heads | Should -Be @(
            "What if: Performing the operation `"POST $($script:Mock.http)/api/ExecResetPass`" on target `"ExecResetPass for t1.onmicrosoft.com`"."
            "What if: Performing the operation `"POST $($script:Mock.http)/api/ExecResetPass`" on target `"ExecResetPass for t2.onmicrosoft.com`"."
        )
        $lines | Should -Contain '    Body: {"ID":"a","tenantFilter":"t1.onmicrosoft.com"}'
        $lines | Should -Contain '    Body: {"ID":"a","tenantFilter":"t2.onmicrosoft.com"}'
        @($lines | Where-Object { $_ -eq '    Authorization: Bearer [redacted]' }).Count | Should -Be 2
        @($out | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }).Count | Should -Be 0
        Get-ApiRequestCount | Should -Be 0
    }

    It 'the -WhatIf body is the one the batch sends (tenant key replaced case-insensitively, keys in the core''s order)' {
        $body = @{ ID = 'a'; TenantFilter = 'old'; nested = @{ b = 1; a = 2 } }
        $preview = (Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body $body -TenantIn Body -WhatIf 6>&1 |
                ForEach-Object { "$_" } | Where-Object { $_ -like '    Body: *' }).Substring(10)
        $null = Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body $body -TenantIn Body -WarningAction SilentlyContinue
        (Get-EndpointRequest 'ExecResetPass')[0].body | Should -BeExactly $preview
    }

    It 'in query mode -WhatIf shows the tenant first in the query, replacing a -Params key of the same name' {
        $text = (Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Params @{ TENANTFILTER = 'x' } -WhatIf 6>&1 | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match ([regex]::Escape("POST $($script:Mock.http)/api/ExecResetPass?tenantFilter=t1.onmicrosoft.com`""))
        Get-ApiRequestCount | Should -Be 0
    }

    It 'honours $WhatIfPreference: a write is previewed for every tenant and nothing is sent' {
        $global:WhatIfPreference = $true
        $out = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body 6>&1
        $global:WhatIfPreference = $false
        @($out | ForEach-Object { "$_" } | Where-Object { $_ -like 'What if:*' }).Count | Should -Be 2
        Get-ApiRequestCount | Should -Be 0
    }

    It 'under $WhatIfPreference reads still run, as Invoke-CIPPRestMethod decides' {
        $global:WhatIfPreference = $true
        $null = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ListUsers 6>&1
        $global:WhatIfPreference = $false
        (Get-EndpointRequest 'ListUsers').Count | Should -Be 2
    }

    It '-WhatIf:$false sends even under $WhatIfPreference; -Confirm:$false sends' {
        $global:WhatIfPreference = $true
        $null = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body -WhatIf:$false -WarningAction SilentlyContinue
        $global:WhatIfPreference = $false
        (Get-EndpointRequest 'ExecResetPass').Count | Should -Be 2
        $null = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body -Confirm:$false -WarningAction SilentlyContinue
        (Get-EndpointRequest 'ExecResetPass').Count | Should -Be 4
    }

    It '-Confirm asks before each tenant''s call (a host that cannot prompt stops it; nothing is sent)' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Helpers, $Mock)
                    Import-Module $Helpers
                    $null = Import-CippModuleForTest
                    Set-CIPPAPIDetails -CIPPClientID $Mock.client_id -CIPPClientSecret $Mock.client_secret -CIPPAPIUrl $Mock.http -TenantID $Mock.tenant_id
                    try {
                        Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body -Confirm
                        'not asked'
                    } catch { $_.Exception.Message }
                }).AddArgument([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')).AddArgument($script:Mock)
            $out = @($ps.Invoke())
        } finally { $ps.Dispose() }
        $out | Should -Not -Contain 'not asked'
        "$out" | Should -BeLike "Invoke-CIPPForEachTenant asks for confirmation before 'POST ExecResetPass' on 't1.onmicrosoft.com', and this PowerShell cannot prompt (*) Add -Confirm:`$false*" -Because 'the confirmation prompt was attempted'
        (Get-EndpointRequest 'ExecResetPass').Count | Should -Be 0
    }

    It 'read-only mode refuses the whole write batch at start with the single call''s error, and sends nothing' {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
            -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id -ReadOnly
        $single = $null
        try { Invoke-CIPPRestMethod -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } } catch { $single = $_ }
        # The library refuses the batch as a whole (one error, not one per tenant), before any tenant is sent.
        $caught = $null
        $out = try { Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ExecResetPass -Method POST -Body @{ ID = 'a' } -TenantIn Body; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty
        $out | Should -BeNullOrEmpty
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::Refused)
        $caught.Exception.Message | Should -BeExactly $single.Exception.Message
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.Refused*'
        $caught.CategoryInfo.Category | Should -Be $single.CategoryInfo.Category
        $caught.CategoryInfo.Activity | Should -BeExactly 'Invoke-CIPPForEachTenant'
        # It names how to turn read-only mode off, in the message and as the recommended action.
        $caught.Exception.Message | Should -Match 'read-only.*nothing was sent.*Set-CIPPAPIDetails again without -ReadOnly'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Set-CIPPAPIDetails again without -ReadOnly'
        Get-ApiRequestCount | Should -Be 0
        # The preview says so too.
        (Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -WhatIf 6>&1 | ForEach-Object { "$_" }) -join "`n" |
            Should -Match '(?m)^    Would be refused: .*read-only'
    }

    It 'the endpoint allow-list refuses the whole batch at start like the single call, and sends nothing' {
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
            -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id -AllowedEndpoint ListTenants
        $caught = $null
        try { $null = Invoke-CIPPForEachTenant -TenantFilter $script:Two -Endpoint ListUsers } catch { $caught = $_ }
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::Refused)
        $caught.Exception.Message | Should -Match 'ListUsers.*allow-list'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'AllowedEndpoint'
        Get-ApiRequestCount | Should -Be 0
    }

    It 'sends an array body as a JSON array in query mode, and refuses it with -TenantIn Body before sending' {
        $null = Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body @(@{ a = 1 }, [pscustomobject]@{ b = 2 }) -WarningAction SilentlyContinue
        (Get-EndpointRequest 'ExecResetPass')[0].body | Should -BeExactly '[{"a":1},{"b":2}]'
        Clear-CippMockRequest -Mock $script:Mock
        $caught = $null
        try { Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body @(@{ a = 1 }) -TenantIn Body } catch { $caught = $_ }
        # The library's refusal (one owner), with its fix in PowerShell's terms as the recommended action.
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.InvalidArgument*'
        $caught.Exception.Message | Should -Match 'top level of the body'
        $caught.ErrorDetails.RecommendedAction | Should -BeExactly 'Pass one object as the body, or put the tenant in the query (-TenantIn Query).'
        # The dry run refuses it the same way, without a token request or a call.
        $dry = $null
        try { Invoke-CIPPForEachTenant -TenantFilter 't1.onmicrosoft.com' -Endpoint ExecResetPass -Method POST -Body @(@{ a = 1 }) -TenantIn Body -WhatIf 6>$null } catch { $dry = $_ }
        $dry.Exception.Message | Should -BeExactly $caught.Exception.Message
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }
}
