#Requires -Version 7.0
# Pester 5 tests of the safety features (issue 8) against the cipp-mock server: read-only mode and the endpoint
# allow-list (parameters and environment variables), -WhatIf previews on Invoke-CIPPRestMethod and generated
# commands, the connection doctor (Test-CIPPApiConnection -Diagnose) for each common failure, the recommended
# action of HTTP failures, -CIPPClientSecureSecret and secret hygiene on every output channel of failing runs.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Safety.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force

    # Extra mock clients: one without a role, one limited to an IP range this machine is not in, and one whose
    # secret only this file uses (the token cache is process-wide).
    $script:NoRole = @{ Id = 'd0000001-0000-4000-8000-000000000001'; Secret = 'norole-secret-1' }
    $script:IpLimited = @{ Id = 'd0000002-0000-4000-8000-000000000002'; Secret = 'iplimited-secret-2' }
    $script:Hygiene = @{ Id = 'd0000003-0000-4000-8000-000000000003'; Secret = 'Hyg13ne-S3cret-Value-9f8e7d' }
    $script:ReadOnlyClient = @{ Id = 'bbbbbbbb-cccc-dddd-eeee-ffffffffffff'; Secret = 'mock-readonly-secret' }
    $script:Mock = Start-CippMock -ArgumentList @(
        '--client', "$($script:NoRole.Id):$($script:NoRole.Secret):"
        '--client', "$($script:IpLimited.Id):$($script:IpLimited.Secret):admin:192.0.2.0/24"
        '--client', "$($script:Hygiene.Id):$($script:Hygiene.Secret):admin"
    )
    $script:SavedEnv = @{}
    foreach ($k in 'CIPPAPI_AUTHORITY_HOST', 'CIPPAPI_CA_FILE', 'CIPPAPI_READ_ONLY', 'CIPPAPI_ALLOWED_ENDPOINTS') {
        $script:SavedEnv[$k] = [Environment]::GetEnvironmentVariable($k)
    }
    $env:CIPPAPI_CA_FILE = $null
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $null = Import-CippModuleForTest

    function script:Connect-Mock {
        param([string]$ClientId = $script:Mock.client_id, [string]$Secret = $script:Mock.client_secret, [string]$Url = $script:Mock.http, [hashtable]$Extra = @{})
        Set-CIPPAPIDetails -CIPPClientID $ClientId -CIPPClientSecret $Secret -CIPPAPIUrl $Url -TenantID $script:Mock.tenant_id @Extra
    }

    function script:Get-RequestCount { @(Get-CippMockRequest -Mock $script:Mock).Count }

    # Resets the mock (which forgets issued tokens), makes one call so the module holds a valid token again, then
    # clears the record: counts in a test see only its own requests.
    function script:Reset-MockWarm {
        Reset-CippMock -Mock $script:Mock
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
        Clear-CippMockRequest -Mock $script:Mock
    }

    # Runs a block and returns everything it wrote on every stream as objects.
    function script:Invoke-Captured([scriptblock]$Block) {
        & $Block *>&1
    }

    function script:Get-FreePort {
        $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $l.Start(); $port = $l.LocalEndpoint.Port; $l.Stop()
        $port
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    foreach ($k in $script:SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $script:SavedEnv[$k]) }
    Remove-Module CIPPAPIModule -ErrorAction Ignore
}

Describe 'Read-only mode and the endpoint allow-list' {
    BeforeEach {
        Reset-CippMock -Mock $script:Mock
        $env:CIPPAPI_READ_ONLY = $null
        $env:CIPPAPI_ALLOWED_ENDPOINTS = $null
    }
    AfterAll {
        $env:CIPPAPI_READ_ONLY = $null
        $env:CIPPAPI_ALLOWED_ENDPOINTS = $null
        Connect-Mock
    }

    It '-ReadOnly lets reads through' {
        Connect-Mock -Extra @{ ReadOnly = $true }
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
    }

    It '-ReadOnly refuses a write with a terminating error naming the endpoint, and sends nothing' {
        Connect-Mock -Extra @{ ReadOnly = $true }
        $err = $null
        try { Remove-CIPPScheduledItem -ID 'x' -Confirm:$false; throw 'not refused' } catch { $err = $_ }
        $err.Exception | Should -BeOfType ([CippApi.CippException])
        $err.Exception.Status | Should -Be ([CippApi.CippStatus]::Refused)
        $err.Exception.Message | Should -Match 'RemoveScheduledItem'
        $err.Exception.Message | Should -Match 'read-only'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-RequestCount | Should -Be 0 -Because 'nothing may be sent, not even a token request'
    }

    It 'Invoke-CIPPRestMethod in read-only mode refuses a POST to an Exec endpoint' {
        Connect-Mock -Extra @{ ReadOnly = $true }
        { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ user = 'x' } } |
            Should -Throw -ExpectedMessage '*ExecOffboardUser*'
        Get-RequestCount | Should -Be 0
    }

    It 'CIPPAPI_READ_ONLY=1 turns read-only mode on (read by the binding, not the native environment)' {
        $env:CIPPAPI_READ_ONLY = '1'
        Connect-Mock
        { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST } | Should -Throw -ExpectedMessage '*read-only*ExecOffboardUser*'
        Get-RequestCount | Should -Be 0
        @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count | Should -BeGreaterThan 0
    }

    It 'the refusal keeps the library''s message and says how to turn read-only mode off, naming where it came from' {
        Connect-Mock -Extra @{ ReadOnly = $true }
        $err = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST } catch { $err = $_ }
        $err.ErrorDetails.Message | Should -BeExactly $err.Exception.Message
        # The library's fix, as its message ends with it (one wording, the core's).
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape('run Set-CIPPAPIDetails again without -ReadOnly'))
        $err.Exception.Message.EndsWith($err.ErrorDetails.RecommendedAction) | Should -BeTrue
        $env:CIPPAPI_READ_ONLY = '1'
        Connect-Mock
        try { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST } catch { $err = $_ }
        $err.ErrorDetails.RecommendedAction | Should -Match 'Remove-Item Env:CIPPAPI_READ_ONLY'
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape('-ReadOnly:$false, which overrides it'))
        Connect-Mock -Extra @{ AllowedEndpoint = 'ListTenants' }
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' } catch { $err = $_ }
        $err.ErrorDetails.RecommendedAction | Should -BeExactly 'Add ListUsers to Set-CIPPAPIDetails -AllowedEndpoint (or CIPPAPI_ALLOWED_ENDPOINTS), or leave the allow-list out.'
        Get-RequestCount | Should -Be 0
    }

    It '-ReadOnly:$false overrides CIPPAPI_READ_ONLY' {
        $env:CIPPAPI_READ_ONLY = 'true'
        Connect-Mock -Extra @{ ReadOnly = $false }
        (Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ tenantFilter = 'c'; user = 'ok' }).Results | Should -Match 'accepted'
    }

    It '-AllowedEndpoint refuses every other endpoint (reads too) and accepts /api/ prefixes' {
        Connect-Mock -Extra @{ AllowedEndpoint = @('/api/ListTenants', 'listlogs') }
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
        $null = Get-CIPPLogs
        Clear-CippMockRequest -Mock $script:Mock
        { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' } | Should -Throw -ExpectedMessage '*ListUsers*allow-list*'
        Get-RequestCount | Should -Be 0
    }

    It 'CIPPAPI_ALLOWED_ENDPOINTS sets the allow-list' {
        $env:CIPPAPI_ALLOWED_ENDPOINTS = 'ListTenants,ListLogs'
        Connect-Mock
        { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' } | Should -Throw -ExpectedMessage '*ListUsers*'
        @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count | Should -BeGreaterThan 0
    }
}

Describe '-WhatIf previews' {
    BeforeAll {
        Connect-Mock
    }
    BeforeEach {
        Reset-CippMock -Mock $script:Mock
    }

    It 'Invoke-CIPPRestMethod -WhatIf prints method, URL with query, redacted headers and body, and sends nothing' {
        $out = Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Params @{ tenantFilter = 'contoso.onmicrosoft.com' } -Body @{ user = 'ada@contoso.com' } -WhatIf 6>&1
        $lines = @($out | ForEach-Object { "$_" })
        $lines[0] | Should -BeExactly "What if: Performing the operation `"POST $($script:Mock.http)/api/ExecOffboardUser?tenantFilter=contoso.onmicrosoft.com`" on target `"ExecOffboardUser`"."
        $lines | Should -Contain '    Authorization: Bearer [redacted]'
        $lines | Should -Contain '    Content-Type: application/json'
        $lines | Should -Contain '    Body: {"user":"ada@contoso.com"}'
        @($out | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }).Count | Should -Be 0
        Get-RequestCount | Should -Be 0 -Because 'not even a token request'
    }

    It 'honours $WhatIfPreference for a write, also on a GET endpoint that is not a read' {
        # Module functions see the global preference (a script's own $WhatIfPreference does not reach into modules).
        $global:WhatIfPreference = $true
        try {
            $out = Invoke-CIPPRestMethod -Endpoint '/api/ExecExcludeLicenses' -Params @{ GUID = 'g'; RemoveExclusion = $true } 6>&1
        } finally { $global:WhatIfPreference = $false }
        "$($out[0])" | Should -Match '^What if: Performing the operation "GET .*/api/ExecExcludeLicenses\?.*GUID=g'
        Get-RequestCount | Should -Be 0
    }

    It 'under $WhatIfPreference a call runs exactly when the library''s read-only mode would let it through: <Endpoint>' -ForEach @(
        # Catalog role and name disagree: the role decides (a List* that writes, an Exec* that reads).
        @{ Endpoint = '/api/ListOffboardTenants'; Runs = $false }
        @{ Endpoint = '/api/ExecAPIPermissionList'; Runs = $true }
        # Not in the catalog, behind a differently cased prefix: the core normalises 'API/' and applies its rule.
        @{ Endpoint = '/API/ListSomethingNew'; Runs = $true }
        @{ Endpoint = 'Api/execSomethingNew'; Runs = $false }
        # Leading blanks: the core trims them before its rule (a PowerShell regex on the raw text would not).
        @{ Endpoint = '  /api/GetSomethingNew'; Runs = $true }
    ) {
        $core = [CippApi.CippCatalog]::IsReadCall($Endpoint)
        $core | Should -Be $Runs -Because 'the library decides (its read-only mode refuses exactly the non-reads)'
        $global:WhatIfPreference = $true
        try { $out = try { Invoke-CIPPRestMethod -Endpoint $Endpoint 6>&1 } catch { $null = $_ } }
        finally { $global:WhatIfPreference = $false }
        $sent = @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -like '/api/*' })
        if ($Runs) {
            # Sent (an unknown endpoint's 404/5xx may be retried); the path is the library's normalised one.
            $sent.Count | Should -BeGreaterOrEqual 1
            @($sent.path | Select-Object -Unique) | Should -Be @("/api/$([CippApi.CippCatalog]::EndpointName($Endpoint))")
        } else {
            $sent.Count | Should -Be 0
            "$(@($out)[0])" | Should -BeLike 'What if: Performing the operation "GET *'
        }
    }

    It '-WhatIf:$false sends the request even under $WhatIfPreference' {
        $global:WhatIfPreference = $true
        try { $r = Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ tenantFilter = 'c'; user = 'ok' } -WhatIf:$false }
        finally { $global:WhatIfPreference = $false }
        $r.Results | Should -Match 'accepted'
    }

    It 'shows that read-only mode would refuse the call' {
        Connect-Mock -Extra @{ ReadOnly = $true }
        try {
            $out = Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ user = 'x' } -WhatIf 6>&1
        } finally { Connect-Mock }
        ($out | ForEach-Object { "$_" }) -join "`n" | Should -Match '(?m)^    Would be refused: .*read-only.*ExecOffboardUser'
        Get-RequestCount | Should -Be 0
    }

    It '<Name> -WhatIf prints the request and the mock sees nothing' -ForEach @(
        @{ Name = 'New-CIPPUserOffboarding'; Call = { New-CIPPUserOffboarding -CustomerTenantID 'contoso.onmicrosoft.com' -User 'ada@contoso.com' -WhatIf }; Url = '/api/ExecOffboardUser'; Body = '"value":"ada@contoso.com"' }
        @{ Name = 'Reset-CIPPUserPassword'; Call = { Reset-CIPPUserPassword -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'ada@contoso.com' -WhatIf }; Url = '/api/ExecResetPass'; Body = '"Id":"ada@contoso.com"' }
        @{ Name = 'Remove-CIPPScheduledItem (1.2.12 ConfirmImpact High)'; Call = { Remove-CIPPScheduledItem -ID 'task-1' -WhatIf }; Url = '/api/RemoveScheduledItem?id=task-1'; Body = 'Body: {}' }
        @{ Name = 'Set-CIPPExcludeLicense (handler)'; Call = { Set-CIPPExcludeLicense -LicenseGUID '11111111-2222-3333-4444-555555555555' -SKUName 'E5' -AddExclusion -WhatIf }; Url = '/api/ExecExcludeLicenses?AddExclusion=True'; Body = '"SKUName":"E5"' }
    ) {
        $text = (& $Call 6>&1 | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match ('^What if: Performing the operation "\w+ ' + [regex]::Escape("$($script:Mock.http)$Url"))
        $text | Should -Match ([regex]::Escape($Body))
        $text | Should -Match 'Bearer \[redacted\]'
        Get-RequestCount | Should -Be 0
    }

    It 'a command with -WhatIf still runs the reads it needs and previews only the change' {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTransportRulesTemplates'; kind = 'status'; status = 200; content_type = 'application/json'; body = '[{"GUID":"00000000-0000-0000-0000-0000000000t1","name":"Rule"},{"GUID":"11111111-2222-3333-4444-555555555555","name":"Rule"}]' }
        $text = (Add-CIPPExchTransportRule -CustomerTenantDefaultDomain 'contoso.onmicrosoft.com' -TemplateGuid '11111111-2222-3333-4444-555555555555' -WhatIf 6>&1 | ForEach-Object { "$_" }) -join "`n"
        $text | Should -Match 'POST .*/api/AddTransportRule'
        $requests = @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*')
        @($requests.path | Select-Object -Unique) | Should -Be @('/api/ListTransportRulesTemplates')
    }

    It '-Confirm:$false and no -WhatIf send the request as before' {
        Reset-MockWarm
        Remove-CIPPScheduledItem -ID 'task-1' -Confirm:$false | Out-Null
        @(Get-CippMockRequest -Mock $script:Mock -Path '/api/RemoveScheduledItem').Count | Should -Be 1
    }

    It 'added ShouldProcess has ConfirmImpact Low, so nothing prompts by default' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command New-CIPPUserOffboarding))
        $meta.SupportsShouldProcess | Should -BeTrue
        [string]$meta.ConfirmImpact | Should -Be 'Low'
        $read = [System.Management.Automation.CommandMetadata]::new((Get-Command Get-CIPPUsers))
        $read.SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Confirmation where no prompt can be shown' {
    # A pwsh started with -NonInteractive (CI, scheduled tasks) and a runspace without a host UI both refuse the
    # prompt of a high-impact command: the command stops with its own error naming the fix, and sends nothing.
    It '<Shape> stops at the caller''s line naming -Confirm:$false and -WhatIf, and sends nothing' -ForEach @(
        @{ Shape = 'a high-impact generated command in a non-interactive pwsh'; Where = 'pwsh' }
        @{ Shape = 'a high-impact generated command in a runspace without a host UI'; Where = 'runspace' }
    ) {
        Clear-CippMockRequest -Mock $script:Mock
        $script = {
            param($Helpers, $MockJson)
            Import-Module $Helpers
            $null = Import-CippModuleForTest
            $Mock = ConvertFrom-Json $MockJson
            $env:CIPPAPI_AUTHORITY_HOST = $Mock.http
            Set-CIPPAPIDetails -CIPPClientID $Mock.client_id -CIPPClientSecret $Mock.client_secret -CIPPAPIUrl $Mock.http -TenantID $Mock.tenant_id
            try {
                Remove-CIPPScheduledItem -ID 'task-1'
                'not asked'
            } catch {
                '{0}|{1}|{2}|{3}' -f $_.FullyQualifiedErrorId, $_.InvocationInfo.MyCommand, $_.InvocationInfo.Line.Trim(), $_.Exception.Message
            }
        }
        $helpers = [System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')
        $mockJson = $script:Mock | ConvertTo-Json -Compress
        if ($Where -eq 'pwsh') {
            $child = Invoke-CippChildPwsh -Script "& { $script } '$helpers' '$($mockJson -replace "'", "''")'"
            $out = @($child.StdOut -split '\r?\n' | Where-Object { $_ })
        } else {
            $ps = [powershell]::Create()
            try { $out = @($ps.AddScript($script).AddArgument($helpers).AddArgument($mockJson).Invoke()) } finally { $ps.Dispose() }
        }
        $line = "$($out[-1])"
        $line | Should -Not -Be 'not asked'
        $id, $command, $at, $message = $line -split '\|', 4
        $id | Should -Be 'CIPPAPI.ConfirmNonInteractive,Remove-CIPPScheduledItem'
        $command | Should -Be 'Remove-CIPPScheduledItem'
        $at | Should -Be "Remove-CIPPScheduledItem -ID 'task-1'"
        $message | Should -BeLike "Remove-CIPPScheduledItem asks for confirmation before 'POST /api/RemoveScheduledItem' on 'task-1', and this PowerShell cannot prompt (*) Add -Confirm:`$false to make the change without asking, or -WhatIf to see the request without sending it."
        $message | Should -Not -BeLike '*Build*'
        @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 0
    }
}

Describe 'Test-CIPPApiConnection -Diagnose' {
    BeforeEach {
        Reset-CippMock -Mock $script:Mock
        Connect-Mock
    }
    AfterAll {
        Reset-CippMock -Mock $script:Mock
        Connect-Mock
    }

    It 'without -Diagnose keeps the 1.2.12 call (GET /api/ListApiTest)' {
        Reset-MockWarm
        $r = Test-CIPPApiConnection
        $r.Url | Should -Be "$($script:Mock.http)/api/ListApiTest"
        @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').path | Should -Be @('/api/ListApiTest')
    }

    It 'returns one object per step with Name, Status, Detail, Cause, Fix and Ms, all passed on a healthy connection' {
        $steps = @(Test-CIPPApiConnection -Diagnose -WarningVariable w -WarningAction SilentlyContinue)
        $steps.Count | Should -BeGreaterOrEqual 8
        $steps[0].PSObject.TypeNames[0] | Should -Be 'CIPPAPIModule.DiagnosticStep'
        foreach ($p in 'Name', 'Status', 'Detail', 'Cause', 'Fix', 'Ms') { $steps[0].PSObject.Properties.Name | Should -Contain $p }
        @($steps | Where-Object Status -NE 'passed') | Should -BeNullOrEmpty
        @($w).Count | Should -Be 0
        @($steps.Name) | Should -Contain 'token'
        @($steps.Name) | Should -Contain 'role'
        ($steps | Format-Table | Out-String) | Should -Match 'Name\s+Status\s+Ms\s+Detail'
    }

    It '<Case>: step <Step> is <Status> with a fix, and a warning carries it' -ForEach @(
        @{ Case = 'wrong secret'; Step = 'token'; Status = 'failed'; Fix = 'secret'; Setup = { Connect-Mock -Secret 'not-the-secret' } }
        @{ Case = 'portal host'; Step = 'https'; Status = 'failed'; Fix = 'Function App URL'; Setup = { $null = Set-CippMockConfig -Mock $script:Mock -Config @{ portal_mode = $true } } }
        @{ Case = 'v2 tokens'; Step = 'token_claims'; Status = 'failed'; Fix = 'accessTokenAcceptedVersion'; Setup = { $null = Set-CippMockConfig -Mock $script:Mock -Config @{ token_version = 2 } } }
        @{ Case = 'role-less client'; Step = 'role'; Status = 'failed'; Fix = 'no role'; Setup = { Connect-Mock -ClientId $script:NoRole.Id -Secret $script:NoRole.Secret } }
        @{ Case = 'IP denied'; Step = 'role'; Status = 'failed'; Fix = 'IP'; Setup = { Connect-Mock -ClientId $script:IpLimited.Id -Secret $script:IpLimited.Secret } }
        @{ Case = 'cold start'; Step = 'latency'; Status = 'warning'; Fix = 'cold start|warm'; Setup = { $null = Set-CippMockConfig -Mock $script:Mock -Config @{ cold_start_ms = 1200 } } }
        @{ Case = 'nothing listening'; Step = 'tcp'; Status = 'failed'; Fix = 'firewall'; Setup = { Connect-Mock -Url "http://127.0.0.1:$(Get-FreePort)" } }
    ) {
        & $Setup
        $all = @(Test-CIPPApiConnection -Diagnose 3>&1)
        $steps = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $found = $steps | Where-Object Name -EQ $Step
        $found.Status | Should -Be $Status
        ($found.Cause + ' ' + $found.Fix) | Should -Match $Fix
        $found.Fix | Should -Not -BeNullOrEmpty
        @($warnings | Where-Object { $_.Message -match "'$Step'" -and $_.Message -match 'Fix: ' }).Count | Should -Be 1
        if ($Status -eq 'failed') {
            $index = [array]::IndexOf($steps, $found)
            @($steps | Select-Object -Skip ($index + 1) | Where-Object Status -NE 'skipped') | Should -BeNullOrEmpty
        }
        ($all | Out-String) | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}'
    }
}

Describe 'Recommended action of HTTP failures' {
    AfterAll { Reset-CippMock -Mock $script:Mock; Connect-Mock }

    It '403 from CIPP''s role check (readonly client calling ExecResetPass) carries the cause and fix' {
        Reset-CippMock -Mock $script:Mock
        Connect-Mock -ClientId $script:ReadOnlyClient.Id -Secret $script:ReadOnlyClient.Secret
        $err = $null
        try { Set-CIPPResetPassword -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'ada@contoso.com'; throw 'no error' } catch { $err = $_ }
        [int]$err.Exception.Response.StatusCode | Should -Be 403
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.ErrorDetails.RecommendedAction | Should -Match 'role'
    }

    It '302 from the portal host says to use the API URL' {
        Reset-CippMock -Mock $script:Mock
        Connect-Mock
        $null = Set-CippMockConfig -Mock $script:Mock -Config @{ portal_mode = $true }
        $err = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'; throw 'no error' } catch { $err = $_ }
        [int]$err.Exception.Response.StatusCode | Should -Be 302
        $err.ErrorDetails.RecommendedAction | Should -Match 'API URL|Function App'
    }
}

Describe 'Set-CIPPAPIDetails -CIPPClientSecureSecret' {
    AfterAll { Connect-Mock }

    It 'authenticates with a SecureString secret' {
        Reset-CippMock -Mock $script:Mock
        $secure = ConvertTo-SecureString $script:Mock.client_secret -AsPlainText -Force
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecureSecret $secure -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
        $token = @(Get-CippMockRequest -Mock $script:Mock -Like '*/oauth2/v2.0/token')[0]
        $token | Should -Not -BeNullOrEmpty
    }

    It 'binds a SecureString by position (the same positions as 1.2.12)' {
        $secure = ConvertTo-SecureString $script:Mock.client_secret -AsPlainText -Force
        Set-CIPPAPIDetails $script:Mock.client_id $secure $script:Mock.http $script:Mock.tenant_id
        @(Get-CIPPTenants).Count | Should -BeGreaterThan 0
    }

    It 'a wrong SecureString secret fails like a wrong string secret' {
        $secure = ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecureSecret $secure -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id
        { Get-CIPPTenants } | Should -Throw -ExpectedMessage '*AADSTS7000215*'
    }

    It 'explains a SecureString given by name to the [string] parameter instead of using its type name as the secret' {
        $secure = ConvertTo-SecureString 'x' -AsPlainText -Force
        { Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $secure -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id } |
            Should -Throw -ExpectedMessage '*-CIPPClientSecureSecret*'
    }

    It 'keeps -CIPPClientSecret a mandatory [string] at position 1 in the default parameter set' {
        $cmd = Get-Command Set-CIPPAPIDetails
        $cmd.DefaultParameterSet | Should -Be 'ClientSecret'
        $p = $cmd.Parameters['CIPPClientSecret']
        $p.ParameterType | Should -Be ([string])
        $p.ParameterSets['ClientSecret'].IsMandatory | Should -BeTrue
        $p.ParameterSets['ClientSecret'].Position | Should -Be 1
        $cmd.Parameters['CIPPClientSecureSecret'].ParameterType | Should -Be ([securestring])
    }
}

Describe 'Secret hygiene on every output channel of failing runs' {
    It 'never shows the secret or an access token (<Case>)' -ForEach @(
        @{ Case = 'bad secret'; Setup = { Connect-Mock -ClientId $script:Hygiene.Id -Secret "$($script:Hygiene.Secret)-but-wrong" }; Call = { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } }
        @{ Case = 'server 500'; Setup = { Connect-Mock -ClientId $script:Hygiene.Id -Secret $script:Hygiene.Secret; Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ExecOffboardUser'; kind = 'status'; status = 500; body = '{"error":"boom"}'; content_type = 'application/json' } }; Call = { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ user = 'u' } } }
        @{ Case = 'timeout'; Setup = { Connect-Mock -ClientId $script:Hygiene.Id -Secret $script:Hygiene.Secret -Extra @{ TimeoutSeconds = 1 }; Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListUsers'; kind = 'delay'; ms = 3000; times = 0 } }; Call = { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Method POST } }
        @{ Case = 'refused (read-only)'; Setup = { Connect-Mock -ClientId $script:Hygiene.Id -Secret $script:Hygiene.Secret -Extra @{ ReadOnly = $true } }; Call = { Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST } }
        @{ Case = 'connection doctor, wrong secret'; Setup = { Connect-Mock -ClientId $script:Hygiene.Id -Secret "$($script:Hygiene.Secret)-but-wrong" }; Call = { Test-CIPPApiConnection -Diagnose } }
    ) {
        Reset-CippMock -Mock $script:Mock
        $Error.Clear()
        $secret = $script:Hygiene.Secret
        $records = [System.Collections.Generic.List[object]]::new()
        $text = & {
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            & $Setup
            try { & $Call } catch { $records.Add($_); $_ }
        } *>&1 | ForEach-Object { $_; if ($_ -is [System.Management.Automation.ErrorRecord]) { $records.Add($_) } } | Out-String
        $all = [System.Text.StringBuilder]::new($text)
        foreach ($r in @($records) + @($Error)) {
            if ($r -is [System.Management.Automation.ErrorRecord]) {
                [void]$all.AppendLine(($r | Format-List * -Force | Out-String))
                [void]$all.AppendLine(($r.Exception | Format-List * -Force | Out-String))
                [void]$all.AppendLine($r.Exception.ToString())
                [void]$all.AppendLine([string]$r.ErrorDetails)
                [void]$all.AppendLine(($r | Get-Error | Out-String))
            } elseif ($r -is [System.Exception]) {
                [void]$all.AppendLine($r.ToString())
            }
        }
        $everything = $all.ToString()
        $everything.Length | Should -BeGreaterThan 100
        $everything | Should -Not -Match ([regex]::Escape($secret))
        $everything | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}'
        $everything | Should -Not -Match 'Bearer [A-Za-z0-9]'
        Connect-Mock
    }
}
