#Requires -Version 7.0
# Pester 5 tests of Set-CIPPAPIDetails, Invoke-CIPPRestMethod and Get-CIPPLogs against the cipp-mock server, over
# plain HTTP and HTTPS: the exact requests on the wire, the objects returned, errors, verbose output and
# per-runspace state.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Core.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force

    # Extra clients so that tests that count token requests use credentials no other test has used (the token
    # cache is process-wide, keyed by token URL, client and secret).
    $script:Clients = @{
        Count  = @{ Id = 'c0000001-0000-4000-8000-000000000001'; Secret = 'count-secret-1' }
        Switch = @{ Id = 'c0000002-0000-4000-8000-000000000002'; Secret = 'switch-secret-2' }
        Worker = @{ Id = 'c0000003-0000-4000-8000-000000000003'; Secret = 'worker-secret-3' }
    }
    $mockArgs = foreach ($c in $script:Clients.Values) { '--client'; "$($c.Id):$($c.Secret):admin" }
    $script:Mock = Start-CippMock -ArgumentList $mockArgs
    $script:SavedEnv = @{
        CIPPAPI_AUTHORITY_HOST = $env:CIPPAPI_AUTHORITY_HOST
        CIPPAPI_CA_FILE        = $env:CIPPAPI_CA_FILE
    }
    $null = Import-CippModuleForTest

    # Points the module at one of the mock's listeners (token endpoint on the same server).
    function script:Connect-Mock {
        param(
            [ValidateSet('http', 'https')][string]$Listener,
            [string]$ClientId = $script:Mock.client_id,
            [string]$Secret = $script:Mock.client_secret
        )
        $url = $script:Mock.$Listener
        $env:CIPPAPI_AUTHORITY_HOST = $url
        $env:CIPPAPI_CA_FILE = if ($Listener -eq 'https') { $script:Mock.ca_file } else { $null }
        Set-CIPPAPIDetails -CIPPClientID $ClientId -CIPPClientSecret $Secret -CIPPAPIUrl $url -TenantID $script:Mock.tenant_id
    }

    # The one /api request recorded since the last clear.
    function script:Get-ApiRequest {
        $requests = @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*')
        $requests.Count | Should -Be 1 -Because 'exactly one API request was expected'
        $requests[0]
    }

    function script:Get-TokenRequestCount {
        @(Get-CippMockRequest -Mock $script:Mock -Like '*/oauth2/v2.0/token').Count
    }

    # Query pairs as "k=v" strings, sorted (hashtable order is not part of the contract).
    function script:Get-SortedQuery([string]$RawQuery) {
        if (-not $RawQuery) { return @() }
        @($RawQuery -split '&' | Sort-Object)
    }

    # Invoke-RestMethod itself against the mock (plain HTTP: no CA to configure): the reference a drop-in must match.
    function script:Invoke-ReferenceRestMethod([string]$Endpoint, [string]$Method = 'GET') {
        $http = $script:Mock.http
        $form = @{ client_id = $script:Mock.client_id; client_secret = $script:Mock.client_secret; scope = "api://$($script:Mock.client_id)/.default"; grant_type = 'client_credentials' }
        $token = (Invoke-RestMethod -Uri "$http/$($script:Mock.tenant_id)/oauth2/v2.0/token" -Method Post -Body $form -NoProxy).access_token
        # As 1.2.12's Invoke-CIPPRestMethod returns it (return $response: a top-level array unrolled).
        $response = Invoke-RestMethod -Uri "$http$Endpoint" -Method $Method -Headers @{ Authorization = "Bearer $token" } -NoProxy
        return $response
    }

    function script:Add-JsonAnswer([string]$Body, [string]$ContentType = 'application/json', [int]$Status = 200) {
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = $Status; body = $Body; content_type = $ContentType }
    }
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    foreach ($k in $script:SavedEnv.Keys) { Set-Item -Path "env:$k" -Value $script:SavedEnv[$k] }
    Remove-Module CIPPAPIModule -ErrorAction Ignore
}

Describe 'Command surface of the core commands' {
    It 'Set-CIPPAPIDetails takes four mandatory strings at positions 0-3 plus -SkipVersionCheck' {
        $cmd = Get-Command Set-CIPPAPIDetails
        $cmd.CmdletBinding | Should -BeTrue
        $names = 'CIPPClientID', 'CIPPClientSecret', 'CIPPAPIUrl', 'TenantID'
        for ($i = 0; $i -lt 4; $i++) {
            $p = $cmd.Parameters[$names[$i]]
            $p.ParameterType | Should -Be ([string])
            $p.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] })[0].Mandatory | Should -BeTrue
            $p.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] })[0].Position | Should -Be $i
        }
        $cmd.Parameters['SkipVersionCheck'].ParameterType | Should -Be ([switch])
    }

    It 'Invoke-CIPPRestMethod is a simple function with the original parameters, order and defaults' {
        $cmd = Get-Command Invoke-CIPPRestMethod
        $cmd.CmdletBinding | Should -BeFalse
        @($cmd.ScriptBlock.Ast.Body.ParamBlock.Parameters.Name.VariablePath.UserPath) |
            Should -Be @('Endpoint', 'Params', 'Method', 'Body', 'ContentType', 'Authorization', 'WhatIf')
        $cmd.Parameters['WhatIf'].ParameterType | Should -Be ([switch])
        $cmd.Parameters['Params'].ParameterType | Should -Be ([hashtable])
        # 1.3.0: -Body takes a hashtable, an ordered dictionary, a PSCustomObject or an array of them.
        $cmd.Parameters['Body'].ParameterType | Should -Be ([object])
        $set = $cmd.Parameters['Method'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })[0]
        $set.ValidValues | Should -Be @('GET', 'POST')
        $defaults = @{}
        foreach ($p in $cmd.ScriptBlock.Ast.Body.ParamBlock.Parameters) { $defaults[$p.Name.VariablePath.UserPath] = "$($p.DefaultValue)" }
        $defaults.Method | Should -Be "'GET'"
        $defaults.ContentType | Should -Be "'application/json'"
        $defaults.Params | Should -Be '@{}'
        $defaults.Body | Should -Be '@{}'
    }

    It 'Get-CIPPLogs has -Severity with the six levels, -DateFilter defaulting to today, -StartDate and -EndDate' {
        $cmd = Get-Command Get-CIPPLogs
        $cmd.CmdletBinding | Should -BeTrue
        $set = $cmd.Parameters['Severity'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })[0]
        $set.ValidValues | Should -Be @('error', 'alert', 'debug', 'info', 'warn', 'critical')
        foreach ($n in 'Severity', 'DateFilter', 'StartDate', 'EndDate') { $cmd.Parameters[$n].ParameterType | Should -Be ([string]) }
        $default = $cmd.ScriptBlock.Ast.Body.ParamBlock.Parameters.Where({ $_.Name.VariablePath.UserPath -eq 'DateFilter' })[0].DefaultValue
        "$default" | Should -Be "(Get-Date -Format 'yyyyMMdd')"
    }

    It 'each core command has help with a synopsis, every parameter and two examples' {
        foreach ($name in 'Set-CIPPAPIDetails', 'Invoke-CIPPRestMethod', 'Get-CIPPLogs') {
            $help = Get-Help $name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match "^\s*$name"
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
            $params = (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters }
            foreach ($p in $params) {
                $ph = $help.Parameters.Parameter | Where-Object Name -EQ $p
                "$($ph.Description.Text)" | Should -Not -BeNullOrEmpty -Because "$name -$p needs help"
            }
        }
    }
}

Describe 'Without API details' {
    BeforeAll {
        # A fresh module instance has no client, and no other runspace of this process has set details.
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        $null = Import-CippModuleForTest
    }

    It 'Invoke-CIPPRestMethod stops with the library''s message as a catchable terminating error' {
        $caught = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty
        # The core words it for binding=powershell; the module must not keep a copy of its own.
        $caught.Exception.Message | Should -BeExactly ([CippApi.CippClient]::NotConfiguredMessage('powershell'))
        $caught.Exception.Message | Should -BeLike 'Cannot continue: CIPP API information not found (*missing). Please run Set-CIPPAPIDetails before connecting to the API.'
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPIDetailsNotSet*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $caught.Exception | Should -BeOfType ([CippApi.CippException])
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::NotConfigured)
    }

    It 'does not end an enclosing loop (fix #20)' {
        $iterations = 0
        $errors = 0
        foreach ($i in 1..3) {
            try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $errors++ }
            $iterations++
        }
        $iterations | Should -Be 3
        $errors | Should -Be 3
    }

    It 'Get-CIPPLogs stops with the same message' {
        { Get-CIPPLogs } | Should -Throw -ExpectedMessage ([CippApi.CippClient]::NotConfiguredMessage('powershell'))
    }

    It 'sends nothing' {
        Clear-CippMockRequest -Mock $script:Mock
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $null = $_ }
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }
}

Describe 'Set-CIPPAPIDetails validation' {
    It 'refuses plain http:// for a host that is not loopback, naming the problem' {
        $caught = $null
        try { Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret 'x-secret-value' -CIPPAPIUrl 'http://cipp.example.com' -TenantID $script:Mock.tenant_id } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::InsecureUrl)
        $caught.Exception.Message | Should -Match 'https://'
        $caught.Exception.Message | Should -Not -Match 'x-secret-value'
        $caught.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'refuses a URL that is not a URL' {
        { Set-CIPPAPIDetails 'a' 'b' 'not a url' 'c' } | Should -Throw
        try { Set-CIPPAPIDetails $script:Mock.client_id 'b' 'not a url' $script:Mock.tenant_id } catch { $_.Exception.Status | Should -BeIn @([CippApi.CippStatus]::InvalidUrl, [CippApi.CippStatus]::InvalidArgument) }
    }

    It 'never quotes the secret when the details are given in the wrong order: <Case>' -ForEach @(
        @{ Case = 'URL and secret swapped'; Order = 'id', 'url', 'secret', 'tenant' }
        @{ Case = 'tenant and secret swapped'; Order = 'id', 'tenant', 'url', 'secret' }
        @{ Case = 'client id and secret swapped'; Order = 'secret', 'id', 'url', 'tenant' }
    ) {
        # An Entra-style secret: a community script that swaps two positional arguments must not print it.
        $values = @{ id = $script:Mock.client_id; secret = 'abc8Q~Zx_yz.1234567890abcdefghijklmnopqrs'; url = $script:Mock.http; tenant = $script:Mock.tenant_id }
        $a = @($Order | ForEach-Object { $values[$_] })
        Clear-CippMockRequest -Mock $script:Mock
        $caught = $null
        try { Set-CIPPAPIDetails $a[0] $a[1] $a[2] $a[3] -Verbose 4>&1 | Out-String | Should -Not -Match 'abc8Q' } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        ($caught | Out-String) + $caught.Exception.Message | Should -Not -Match 'abc8Q'
        $caught.Exception.Message | Should -Match 'in order: client id, client secret, API URL, tenant id'
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }

    It 'binds the four details by position, accepts -SkipVersionCheck, writes the verbose line and sends nothing' {
        Clear-CippMockRequest -Mock $script:Mock
        $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
        $env:CIPPAPI_CA_FILE = $null
        $out = Set-CIPPAPIDetails $script:Mock.client_id $script:Mock.client_secret $script:Mock.http $script:Mock.tenant_id -SkipVersionCheck -Verbose 4>&1
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Setting CIPP API Keys'
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }
}

Describe 'Requests and answers over <Listener>' -ForEach @(@{ Listener = 'http' }, @{ Listener = 'https' }) {
    BeforeAll {
        Connect-Mock -Listener $Listener
        # Warm up: the first call acquires the token.
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
    }
    BeforeEach {
        Clear-CippMockRequest -Mock $script:Mock
    }

    Context 'Invoke-CIPPRestMethod requests' {
        It 'sends a GET with the endpoint path as given, no query, a {} body and application/json' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/listTenants'
            $r = Get-ApiRequest
            $r.method | Should -BeExactly 'GET'
            $r.path | Should -BeExactly '/api/listTenants'
            $r.raw_query | Should -BeExactly ''
            $r.body | Should -BeExactly '{}'
            $r.content_type | Should -BeExactly 'application/json'
            $r.auth | Should -Be 'valid'
            $r.listener | Should -Be $Listener
        }

        It 'stringifies query values like PowerShell: <Name>' -ForEach @(
            @{ Name = '$true'; Value = $true; Expected = 'k=True' }
            @{ Name = '$false'; Value = $false; Expected = 'k=False' }
            @{ Name = '$null'; Value = $null; Expected = 'k=' }
            @{ Name = 'empty string'; Value = ''; Expected = 'k=' }
            @{ Name = 'int'; Value = 42; Expected = 'k=42' }
            @{ Name = 'array'; Value = @('a', 'b'); Expected = 'k=a+b' }
            @{ Name = 'guid'; Value = [guid]'0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01'; Expected = 'k=0b7e2a1c-5d3f-4e8a-9c21-6f4d8b2e1a01' }
            @{ Name = 'reserved characters'; Value = 'a b&c=d/é'; Expected = 'k=a+b%26c%3dd%2f%c3%a9' }
        ) {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Params @{ k = $Value }
            (Get-ApiRequest).raw_query | Should -BeExactly $Expected
        }

        It 'keeps OData keys such as $select literal and sends every pair' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ '$select' = 'id,displayName'; '$top' = 5; tenantFilter = 'contoso.onmicrosoft.com'; NoPagination = $false }
            Get-SortedQuery (Get-ApiRequest).raw_query |
                Should -Be @('$select=id%2cdisplayName', '$top=5', 'NoPagination=False', 'tenantFilter=contoso.onmicrosoft.com')
        }

        It 'drops a query string written into -Endpoint (as 1.2.12 does) and warns, naming -Params (#22)' {
            $out = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants?tenantFilter=x' -Params @{ a = 'b' } 3>&1
            $r = Get-ApiRequest
            $r.path | Should -BeExactly '/api/ListTenants'
            $r.raw_query | Should -BeExactly 'a=b'
            ($out | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message -join "`n" |
                Should -Match ([regex]::Escape("the query string in the endpoint ('?tenantFilter=x') is not sent; give its parameters with -Params @{ name = 'value' }"))
        }

        It 'POSTs -Body as JSON (method name in any case)' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ExecResetPass' -Method post -Body @{ tenantFilter = 'contoso.onmicrosoft.com'; ID = 'ada@contoso.com'; MustChange = $true; Nested = @{ list = @(1, 2) }; Nothing = $null }
            $r = Get-ApiRequest
            $r.method | Should -BeExactly 'POST'
            $body = $r.body | ConvertFrom-Json -AsHashtable
            $body.tenantFilter | Should -BeExactly 'contoso.onmicrosoft.com'
            $body.MustChange | Should -BeTrue
            $body.Nested.list | Should -Be @(1, 2)
            $body.ContainsKey('Nothing') | Should -BeTrue
            $body.Nothing | Should -BeNullOrEmpty
        }

        It 'sends {} on a POST without -Body' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/RemoveCippQueue' -Method POST
            (Get-ApiRequest).body | Should -BeExactly '{}'
        }

        It 'uses -ContentType as given' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -ContentType 'application/json; charset=utf-8'
            (Get-ApiRequest).content_type | Should -BeExactly 'application/json; charset=utf-8'
        }

        It 'ignores unknown arguments and -Authorization (simple function)' {
            $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Authorization 'Bearer not-used' -NoSuchParameter 1
            $r = Get-ApiRequest
            $r.auth | Should -Be 'valid'
            $r.headers.authorization | Should -Be 'Bearer <redacted>'
        }

        It 'rejects methods outside GET/POST' {
            { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Method DELETE } | Should -Throw
            @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
        }
    }

    Context 'Get-CIPPLogs requests' {
        It 'sends Filter=True, today''s DateFilter and empty StartDate/EndDate by default, without Severity' {
            $null = Get-CIPPLogs
            $r = Get-ApiRequest
            $r.method | Should -BeExactly 'GET'
            $r.path | Should -BeExactly '/api/ListLogs'
            $r.raw_query | Should -BeExactly "Filter=True&DateFilter=$(Get-Date -Format 'yyyyMMdd')&StartDate=&EndDate="
            $r.body | Should -BeExactly '{}'
            $r.content_type | Should -BeExactly 'application/json'
        }

        It 'adds Severity only when given and passes the dates' {
            $null = Get-CIPPLogs -Severity alert -DateFilter 20250102 -StartDate 20250101 -EndDate 20250103
            (Get-ApiRequest).raw_query | Should -BeExactly 'Filter=True&DateFilter=20250102&StartDate=20250101&EndDate=20250103&Severity=alert'
        }

        It 'sends a [datetime] or an ISO date as the yyyyMMdd CIPP reads, whatever the culture' {
            $culture = [System.Threading.Thread]::CurrentThread.CurrentCulture
            [System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'
            try {
                $start = (Get-Date).AddDays(-7)
                $end = Get-Date
                $null = Get-CIPPLogs -StartDate $start -EndDate $end
                (Get-ApiRequest).raw_query | Should -BeExactly "Filter=True&DateFilter=$(Get-Date -Format 'yyyyMMdd')&StartDate=$($start.ToString('yyyyMMdd'))&EndDate=$($end.ToString('yyyyMMdd'))"
                Clear-CippMockRequest -Mock $script:Mock
                $null = Get-CIPPLogs -DateFilter '2025-01-31' -StartDate '2025-01-01T00:00:00Z' -EndDate '2025-01-31T23:59:59+02:00'
                (Get-ApiRequest).raw_query | Should -BeExactly 'Filter=True&DateFilter=20250131&StartDate=20250101&EndDate=20250131'
            } finally {
                [System.Threading.Thread]::CurrentThread.CurrentCulture = $culture
            }
        }

        It 'reads a typed d/m/yyyy day only when one order makes a date, and refuses one that reads both ways' {
            $culture = [System.Threading.Thread]::CurrentThread.CurrentCulture
            [System.Threading.Thread]::CurrentThread.CurrentCulture = 'en-GB'
            try {
                $null = Get-CIPPLogs -DateFilter '31/01/2025' -StartDate '01/31/2025' -EndDate '05/05/2025'
                (Get-ApiRequest).raw_query | Should -BeExactly 'Filter=True&DateFilter=20250131&StartDate=20250131&EndDate=20250505'
                Clear-CippMockRequest -Mock $script:Mock
                $caught = $null
                try { $null = Get-CIPPLogs -DateFilter '02/12/2026' } catch { $caught = $_ }
                $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::InvalidArgument)
                $caught.Exception.Message | Should -BeLike "DateFilter '02/12/2026' could be 2 December 2026 or February 12, 2026: give the day as yyyyMMdd (20261202)*"
                @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
            } finally {
                [System.Threading.Thread]::CurrentThread.CurrentCulture = $culture
            }
        }

        It 'rejects an unknown severity before sending anything' {
            { Get-CIPPLogs -Severity 'verbose' } | Should -Throw
            @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
        }

        It 'returns log rows as objects with DateTime values' {
            $rows = @(Get-CIPPLogs)
            $rows.Count | Should -BeGreaterThan 0
            $rows[0] | Should -BeOfType ([System.Management.Automation.PSCustomObject])
            $rows[0].DateTime | Should -BeOfType ([datetime])
        }

        It 'writes the URL to the verbose stream' {
            $out = Get-CIPPLogs -Severity info -Verbose 4>&1
            $verbose = ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            $verbose | Should -Match ([regex]::Escape("GET [ $($script:Mock.$Listener)/api/ListLogs?Filter=True"))
        }

        It 'the verbose URL is the one sent, dates as the library sends them' {
            Clear-CippMockRequest -Mock $script:Mock
            $out = Get-CIPPLogs -DateFilter '2025-01-31' -Severity error -Verbose 4>&1
            $verbose = ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            $sent = @(Get-CippMockRequest -Mock $script:Mock -Path '/api/ListLogs')[-1]
            $sent.raw_query | Should -Match 'DateFilter=20250131'
            $verbose | Should -Match ([regex]::Escape("GET [ $($script:Mock.$Listener)/api/ListLogs?$($sent.raw_query) ]"))
        }
    }

    Context 'Answers' {
        It 'writes a JSON array one element at a time as PSCustomObjects' {
            $items = [System.Collections.Generic.List[object]]::new()
            Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' | ForEach-Object { $items.Add($_) }
            $items.Count | Should -Be 5
            foreach ($i in $items) { $i | Should -BeOfType ([System.Management.Automation.PSCustomObject]) }
            $items[0].defaultDomainName | Should -Not -BeNullOrEmpty
        }

        It 'returns a single object for a one-element array' {
            Add-JsonAnswer '[{"a":1}]'
            $r = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest'
            $r | Should -BeOfType ([System.Management.Automation.PSCustomObject])
            $r.a | Should -Be 1
        }

        It 'returns nothing for an empty array' {
            Add-JsonAnswer '[]'
            $r = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest'
            $null -eq $r | Should -BeTrue
            @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' | Where-Object { $false }).Count | Should -Be 0
        }

        It 'keeps nested arrays intact while unrolling the top level' {
            Add-JsonAnswer '[[1,2],[3]]'
            $r = @(Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest')
            $r.Count | Should -Be 2
            $r[0] | Should -Be @(1, 2)
        }

        It 'parses ISO 8601 dates to DateTime and keeps property names as sent' {
            Add-JsonAnswer '{"When":"2024-05-01T10:20:30Z","lowerCase":"x","Results":[{"n":1}]}'
            $r = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest'
            $r.When | Should -BeOfType ([datetime])
            $r.When.ToUniversalTime() | Should -Be ([datetime]::new(2024, 5, 1, 10, 20, 30, [System.DateTimeKind]::Utc))
            $r.PSObject.Properties.Name | Should -BeExactly @('When', 'lowerCase', 'Results')
            $r.Results[0].n | Should -Be 1
        }

        It 'parses +json media types' {
            Add-JsonAnswer '{"ok":true}' 'application/problem+json'
            (Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest').ok | Should -BeTrue
        }

        It 'returns a text answer as one string' {
            Add-JsonAnswer "line one`nline two" 'text/plain; charset=utf-8'
            $r = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest'
            $r | Should -BeOfType ([string])
            $r | Should -BeExactly "line one`nline two"
        }

        It 'returns a body labelled JSON that does not parse as text, like Invoke-RestMethod' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'invalid_json' }
            $r = Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest'
            $r | Should -BeOfType ([string])
        }

        It 'decodes UTF-8 bodies' {
            Add-JsonAnswer '{"name":"Zoë Ångström – ✓"}'
            (Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest').name | Should -BeExactly 'Zoë Ångström – ✓'
        }

        It 'reads a <ContentType> answer <Body> as Invoke-RestMethod does (JSON or XML whatever the type, else text)' -ForEach @(
            @{ ContentType = 'text/plain; charset=utf-8'; Body = '{"a":1,"b":[1,2]}' }
            @{ ContentType = 'text/plain'; Body = '[1,2,3]' }
            @{ ContentType = 'text/plain'; Body = '"just a string"' }
            @{ ContentType = 'text/plain'; Body = 'Success: done' }
            @{ ContentType = 'application/octet-stream'; Body = '{"a":{"b":null}}' }
            @{ ContentType = 'text/xml'; Body = '<r><x a="1">2</x></r>' }
            @{ ContentType = 'text/html'; Body = "  <r>`n<x/></r>" }
            @{ ContentType = 'text/html'; Body = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>Sign in</body></html>' }
            @{ ContentType = 'application/json'; Body = '<r/>' }
            @{ ContentType = 'application/json'; Body = '' }
            @{ ContentType = 'text/plain'; Body = '' }
            @{ ContentType = 'application/json'; Body = " null`n" }
            @{ ContentType = 'application/json'; Body = "   `n" }
            @{ ContentType = 'application/json'; Body = '[]' }
        ) {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListApiTest'; kind = 'status'; status = 200; times = 2; body = $Body; content_type = $ContentType }
            $show = { if ($null -eq $_) { 'null' } elseif ($_ -is [xml]) { 'xml ' + $_.OuterXml } else { $_.GetType().FullName + ' ' + (ConvertTo-Json -InputObject $_ -Depth 5 -Compress) } }
            $ours = @(Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest')
            $theirs = @(Invoke-ReferenceRestMethod '/api/ListApiTest')
            $ours.Count | Should -Be $theirs.Count
            (@($ours | ForEach-Object $show) -join "`n") | Should -BeExactly (@($theirs | ForEach-Object $show) -join "`n")
        }
    }

    Context 'HTTP errors' {
        It 'raises HttpResponseException for a 404 with the status and body like Invoke-RestMethod' {
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/NoSuchEndpoint' } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.Exception | Should -BeOfType ([Microsoft.PowerShell.Commands.HttpResponseException])
            $caught.Exception.Message | Should -BeExactly 'Response status code does not indicate success: 404 (Not Found).'
            $caught.Exception.Response.StatusCode | Should -Be ([System.Net.HttpStatusCode]::NotFound)
            [int]$caught.Exception.Response.StatusCode | Should -Be 404
            $caught.ErrorDetails.Message | Should -BeExactly 'Endpoint not found'
            $caught.Exception.Response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | Should -BeExactly 'Endpoint not found'
            $caught.Exception.Response.RequestMessage.RequestUri.AbsolutePath | Should -Be '/api/NoSuchEndpoint'
            $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $caught.FullyQualifiedErrorId | Should -Match '^WebCmdletWebResponseException'
            # The library's cause-and-fix advice rides along as the recommended action.
            $caught.ErrorDetails.RecommendedAction | Should -Match 'NoSuchEndpoint'
        }

        It 'suggests the closest catalog endpoint when CIPP has no endpoint of that name' {
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/ListUserz' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' } } catch { $caught = $_ }
            [int]$caught.Exception.Response.StatusCode | Should -Be 404
            $caught.ErrorDetails.Message | Should -BeExactly 'Endpoint not found'
            $caught.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("CIPP has no endpoint named 'ListUserz'. Did you mean 'ListUsers'?"))
        }

        It 'carries a JSON error body for a 500 POST (not retried)' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'RemoveCippQueue'; kind = 'status'; status = 500; body = '{"Results":"Failed: boom"}'; content_type = 'application/json' }
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/RemoveCippQueue' -Method POST } catch { $caught = $_ }
            [int]$caught.Exception.Response.StatusCode | Should -Be 500
            $caught.Exception.Message | Should -BeExactly 'Response status code does not indicate success: 500 (Internal Server Error).'
            ($caught.ErrorDetails.Message | ConvertFrom-Json).Results | Should -Be 'Failed: boom'
            @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 1
        }

        It '$_.ErrorDetails.Message of a <Status> <ContentType> answer is the one this PowerShell''s Invoke-RestMethod gives' -ForEach @(
            @{ Status = 500; ContentType = 'application/json'; Body = '{"Results":"Error: bad","x":[1,{"y":null}]}' }
            @{ Status = 403; ContentType = 'text/html'; Body = '<html><body><h1>Forbidden</h1><p>You do not have permission.</p></body></html>' }
            @{ Status = 404; ContentType = 'text/plain'; Body = 'Endpoint not found' }
            @{ Status = 400; ContentType = 'application/xml'; Body = '<error code="1"><m>bad</m></error>' }
            @{ Status = 400; ContentType = 'application/json'; Body = '{not json' }
            @{ Status = 502; ContentType = ''; Body = 'Bad gateway' }
        ) {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ExecListAppId'; kind = 'status'; status = $Status; times = 2; body = $Body; content_type = $ContentType }
            $ours = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/ExecListAppId' -Method POST } catch { $ours = $_ }
            $theirs = $null
            try { Invoke-ReferenceRestMethod '/api/ExecListAppId' POST } catch { $theirs = $_ }
            $theirs.ErrorDetails.Message | Should -Not -BeNullOrEmpty
            $ours.ErrorDetails.Message | Should -BeExactly $theirs.ErrorDetails.Message
            "$($ours.Exception.Response.Content.Headers.ContentType)" | Should -BeExactly "$($theirs.Exception.Response.Content.Headers.ContentType)"
        }

        It 'keeps the answer''s headers on the error, so a script can read Retry-After as from Invoke-RestMethod' {
            # A 429 that persists through the retries: the last answer's headers reach the script.
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListGraphRequest'; kind = 'status'; status = 429; times = 5; body = '{"error":"slow down"}'; content_type = 'application/json'; headers = @{ 'Retry-After' = '1'; 'X-Custom' = 'yes' } }
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/ListGraphRequest' -Method GET 3>$null } catch { $caught = $_ }
            [int]$caught.Exception.Response.StatusCode | Should -Be 429
            $caught.Exception.Response.Headers.RetryAfter.Delta | Should -Be ([timespan]::FromSeconds(1))
            @($caught.Exception.Response.Headers.GetValues('X-Custom')) | Should -Be @('yes')
            $caught.Exception.Response.Content.Headers.ContentType.MediaType | Should -Be 'application/json'
            $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
        }

        It 'is catchable by type and does not end an enclosing loop' {
            $n = 0
            foreach ($i in 1..2) {
                try { Invoke-CIPPRestMethod -Endpoint '/api/NoSuchEndpoint' } catch [Microsoft.PowerShell.Commands.HttpResponseException] { $n++ }
            }
            $n | Should -Be 2
        }

        It 'is statement-terminating like Invoke-RestMethod: without try/catch the script carries on' {
            # Pester wraps each test in try/catch, which would catch the error; run the script in its own runspace.
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($ModulePath, $Mock, $Listener)
                        $env:CIPPAPI_AUTHORITY_HOST = $Mock.$Listener
                        $env:CIPPAPI_CA_FILE = if ($Listener -eq 'https') { $Mock.ca_file } else { $null }
                        Import-Module $ModulePath
                        Set-CIPPAPIDetails $Mock.client_id $Mock.client_secret $Mock.$Listener $Mock.tenant_id
                        Invoke-CIPPRestMethod -Endpoint '/api/NoSuchEndpoint'
                        'carried on'
                    }).AddArgument([System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')).AddArgument($script:Mock).AddArgument($Listener)
                $output = $ps.Invoke()
                $output | Should -Be 'carried on'
                $ps.Streams.Error.Count | Should -Be 1
                $ps.Streams.Error[0].Exception | Should -BeOfType ([Microsoft.PowerShell.Commands.HttpResponseException])
            } finally {
                $ps.Dispose()
            }
        }

        It 'Get-CIPPLogs raises the same error shape' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListLogs'; kind = 'status'; status = 403; body = 'Access to this CIPP API endpoint is not allowed' }
            $caught = $null
            try { Get-CIPPLogs } catch { $caught = $_ }
            [int]$caught.Exception.Response.StatusCode | Should -Be 403
            $caught.ErrorDetails.Message | Should -BeExactly 'Access to this CIPP API endpoint is not allowed'
            $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
        }
    }

    Context 'Verbose output' {
        It 'shows "METHOD [ url ]" when $VerbosePreference is Continue' {
            $global:VerbosePreference = 'Continue'
            try { $out = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' } 4>&1 }
            finally { $global:VerbosePreference = 'SilentlyContinue' }
            $messages = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $messages | Should -Contain "GET [ $($script:Mock.$Listener)/api/ListTenants?tenantFilter=contoso.onmicrosoft.com ]"
        }

        It 'reports retries from the library trace in the verbose stream' {
            Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListTenants'; kind = 'status'; status = 503; times = 1 }
            $global:VerbosePreference = 'Continue'
            try { $out = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' 4>&1 }
            finally { $global:VerbosePreference = 'SilentlyContinue' }
            @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 5
            (@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n") | Should -Match '503'
        }

        It 'ignores -Verbose passed directly (simple function)' {
            $out = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Verbose 4>&1
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        }

        It 'never shows the secret or a token, in any stream, even on failures' {
            $secret = $script:Clients.Worker.Secret
            $all = & {
                $VerbosePreference = 'Continue'
                $DebugPreference = 'Continue'
                Connect-Mock -Listener $Listener -ClientId $script:Clients.Worker.Id -Secret $secret -Verbose
                Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' -Params @{ a = 1 }
                Get-CIPPLogs -Verbose
                try { Invoke-CIPPRestMethod -Endpoint '/api/NoSuchEndpoint' } catch { $_ | Out-String }
                Connect-Mock -Listener $Listener -ClientId $script:Clients.Worker.Id -Secret "$secret-wrong-value" -Verbose
                try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $_ | Out-String; $_.Exception.ToString() }
            } *>&1 | Out-String
            $all | Should -Not -BeNullOrEmpty
            $all | Should -Not -Match ([regex]::Escape($secret))
            $all | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}'
            $all | Should -Not -Match 'Bearer [A-Za-z0-9]'
            Connect-Mock -Listener $Listener
        }
    }

    Context 'Tokens and credentials' {
        It 'requests exactly one token for many calls' {
            Connect-Mock -Listener $Listener -ClientId $script:Clients.Count.Id -Secret $script:Clients.Count.Secret
            Clear-CippMockRequest -Mock $script:Mock
            1..5 | ForEach-Object { $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' }
            $null = Get-CIPPLogs
            Get-TokenRequestCount | Should -Be 1
            @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 6
            $token = @(Get-CippMockRequest -Mock $script:Mock -Like '*/oauth2/v2.0/token')[0]
            $token.method | Should -Be 'POST'
            $token.path | Should -BeExactly "/$($script:Mock.tenant_id)/oauth2/v2.0/token"
            $form = [System.Web.HttpUtility]::ParseQueryString($token.body)
            $form['grant_type'] | Should -Be 'client_credentials'
            $form['scope'] | Should -Be "api://$($script:Clients.Count.Id)/.default"
            $form['client_id'] | Should -Be $script:Clients.Count.Id
            Connect-Mock -Listener $Listener
        }

        It 'uses new credentials right after Set-CIPPAPIDetails, never the old token (fix #19)' {
            Connect-Mock -Listener $Listener
            (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId | Should -Be $script:Mock.client_id
            Clear-CippMockRequest -Mock $script:Mock
            Connect-Mock -Listener $Listener -ClientId $script:Clients.Switch.Id -Secret $script:Clients.Switch.Secret
            (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId | Should -Be $script:Clients.Switch.Id
            Get-TokenRequestCount | Should -Be 1
            Connect-Mock -Listener $Listener
        }

        It 'requests a new token after a changed secret and reports the refusal with the Entra code and a fix' {
            Connect-Mock -Listener $Listener -ClientId $script:Mock.client_id -Secret 'rotated-secret-value-1'
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $caught = $_ }
            Get-TokenRequestCount | Should -Be 1
            @(Get-CippMockRequest -Mock $script:Mock -Like '/api/*').Count | Should -Be 0
            $caught.Exception | Should -BeOfType ([CippApi.CippException])
            $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::Authentication)
            $caught.Exception.Message | Should -Match 'AADSTS7000215'
            $caught.Exception.Message | Should -Match 'Set-CIPPAPIDetails'
            $caught.Exception.Message | Should -Not -Match 'rotated-secret-value-1'
            $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
            Connect-Mock -Listener $Listener
        }
    }

    Context 'Transport failures' {
        It 'reports an unreachable API as a network error the caller can catch' {
            $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.$Listener
            $env:CIPPAPI_CA_FILE = if ($Listener -eq 'https') { $script:Mock.ca_file } else { $null }
            # Port 9 (discard) on loopback: nothing listens there.
            Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl "$($Listener)://127.0.0.1:9" -TenantID $script:Mock.tenant_id
            $caught = $null
            try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $caught = $_ }
            $caught.Exception | Should -BeOfType ([CippApi.CippException])
            $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::Network)
            $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
            Connect-Mock -Listener $Listener
        }
    }
}

Describe 'Unsafe request text is refused by the library on the module path' {
    BeforeAll {
        Connect-Mock -Listener http
    }
    BeforeEach {
        Clear-CippMockRequest -Mock $script:Mock
    }

    It 'refuses an endpoint with a NUL and a path escape, naming the endpoint, and sends nothing' {
        $caught = $null
        try { Invoke-CIPPRestMethod -Endpoint "ListTenants`0/../../x"; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty
        # The binding refuses text the C ABI cannot carry before the library sees it.
        $caught.Exception | Should -BeOfType ([System.ArgumentException])
        $caught.Exception.ParamName | Should -BeExactly 'endpoint'
        $caught.Exception.Message | Should -BeLike '*NUL character*nothing was sent*'
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.InvalidArgument*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0 -Because 'not even a token request'
    }

    It 'refuses a path escape without a NUL in the library, naming the endpoint, and sends nothing' {
        $caught = $null
        try { Invoke-CIPPRestMethod -Endpoint 'ListTenants/../../x'; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty
        $caught.Exception | Should -BeOfType ([CippApi.CippException])
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::InvalidArgument)
        $caught.Exception.Message | Should -BeLike "endpoint 'ListTenants/../../x' contains*"
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.InvalidArgument*'
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }

    It 'refuses a tenantFilter value with a NUL, naming the parameter, and sends nothing' {
        $caught = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenantFilter = "contoso`0.onmicrosoft.com" }; $reached = $true } catch { $caught = $_ }
        $reached | Should -BeNullOrEmpty
        $caught.Exception | Should -BeOfType ([System.ArgumentException])
        $caught.Exception.ParamName | Should -BeExactly 'query'
        $caught.Exception.Message | Should -BeLike '*NUL character*nothing was sent*'
        $caught.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.InvalidArgument*'
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }
}

Describe 'HTTPS trust' {
    It 'fails with a Certificate error when the mock CA is not trusted, and works with -CACertificatePath' {
        $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.https
        $env:CIPPAPI_CA_FILE = $null
        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id
        $caught = $null
        try { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } catch { $caught = $_ }
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::Certificate)
        $caught.CategoryInfo.Category | Should -Be 'SecurityError'
        $caught.Exception.Message | Should -Match 'certificate'

        Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret -CIPPAPIUrl $script:Mock.https -TenantID $script:Mock.tenant_id -CACertificatePath $script:Mock.ca_file -AuthorityHost $script:Mock.https -TimeoutSeconds 30
        @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count | Should -Be 5
    }

    It 'refuses an unreadable CA file at Set-CIPPAPIDetails' {
        $missing = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "no-such-ca-$([guid]::NewGuid()).pem")
        $caught = $null
        try { Set-CIPPAPIDetails $script:Mock.client_id $script:Mock.client_secret $script:Mock.https $script:Mock.tenant_id -CACertificatePath $missing } catch { $caught = $_ }
        $caught.Exception.Status | Should -Be ([CippApi.CippStatus]::TlsConfig)
    }
}

Describe 'Per-runspace state' {
    BeforeAll {
        Connect-Mock -Listener http
        $script:ModulePath = [System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
    }

    It 'a parallel runspace without details of its own uses the ones set last in this process' {
        $results = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:ModulePath
            try { (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId } catch { [string]$_.Exception.Message }
        }
        $results | Should -Be @($script:Mock.client_id, $script:Mock.client_id)
        # The parent session still works.
        @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants').Count | Should -Be 5
    }

    It 'each runspace uses its own details' {
        $mock = $script:Mock
        $worker = $script:Clients.Worker
        $appIds = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:ModulePath
            $m = $using:mock
            $w = $using:worker
            Set-CIPPAPIDetails -CIPPClientID $w.Id -CIPPClientSecret $w.Secret -CIPPAPIUrl $m.http -TenantID $m.tenant_id
            (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId
        }
        $appIds | Should -Be @($worker.Id, $worker.Id)
        (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId | Should -Be $script:Mock.client_id
    }
}

Describe 'Process-wide details belong to the runspace that set them first' {
    BeforeAll {
        $script:ModulePath = [System.IO.Path]::Combine((Get-CippRepoRoot), 'powershell', 'CIPPAPIModule', 'CIPPAPIModule.psd1')
        # A write the read-only mode refuses before anything is sent.
        $script:Write = { Invoke-CIPPRestMethod -Endpoint '/api/ExecResetPass' -Method POST -Body @{ tenantFilter = 'contoso.onmicrosoft.com'; ID = 'adele' } }
    }
    AfterAll {
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        Connect-Mock -Listener http
    }

    It 'a parallel runspace that sets details of its own cannot switch off the session''s -ReadOnly' {
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
        $env:CIPPAPI_CA_FILE = $null
        Set-CIPPAPIDetails $script:Mock.client_id $script:Mock.client_secret $script:Mock.http $script:Mock.tenant_id -ReadOnly
        $mock = $script:Mock
        $write = $script:Write.ToString()
        # The first runspace sets details without -ReadOnly; the second has none and tries a write.
        $null = 1 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            $m = $using:mock
            Set-CIPPAPIDetails $m.client_id $m.client_secret $m.http $m.tenant_id
        }
        Clear-CippMockRequest -Mock $script:Mock
        $outcome = 1 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            try { $null = & ([scriptblock]::Create($using:write)); 'sent' } catch { $_.Exception.GetType().FullName + ': ' + $_.Exception.Message }
        }
        $outcome | Should -BeLike 'CippApi.CippException: *read-only*'
        # A re-import of the session keeps its own read-only details.
        $null = Import-CippModuleForTest
        { & $script:Write } | Should -Throw -ExpectedMessage '*read-only*'
        @(Get-CippMockRequest -Mock $script:Mock -Like '/api/ExecResetPass*').Count | Should -Be 0
    }

    It 'a parallel runspace''s wrong secret does not break the runspaces that use the session''s details' {
        Connect-Mock -Listener http
        $mock = $script:Mock
        $null = 1 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            $m = $using:mock
            Set-CIPPAPIDetails $m.client_id 'not-the-secret' $m.http $m.tenant_id -Verbose 4>$null
        }
        $appId = 1 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId
        }
        $appId | Should -Be $script:Mock.client_id
    }

    It 'says so in the verbose stream when details stay in their runspace, and a closed owner hands the slot on' {
        Connect-Mock -Listener http
        $mock = $script:Mock
        $verbose = 1 | ForEach-Object -Parallel {
            Import-Module $using:ModulePath
            $m = $using:mock
            Set-CIPPAPIDetails $m.client_id $m.client_secret $m.http $m.tenant_id -Verbose 4>&1 | ForEach-Object { "$_" }
        }
        ($verbose -join "`n") | Should -BeLike '*apply to this runspace only*'
        # A runspace that published first and is then closed no longer holds the slot.
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        $first = [powershell]::Create()
        try {
            $null = $first.AddScript({
                    param($Manifest, $Mock)
                    Import-Module $Manifest
                    Set-CIPPAPIDetails $Mock.client_id $Mock.client_secret $Mock.http $Mock.tenant_id -ReadOnly
                }).AddArgument($script:ModulePath).AddArgument($script:Mock)
            $null = $first.Invoke()
            $first.HadErrors | Should -BeFalse -Because ($first.Streams.Error | Out-String)
            $published = [System.AppDomain]::CurrentDomain.GetData('CIPPAPIModule.SharedClient')
            # This session cannot replace it while that runspace is open ...
            Connect-Mock -Listener http
            [object]::ReferenceEquals([System.AppDomain]::CurrentDomain.GetData('CIPPAPIModule.SharedClient'), $published) | Should -BeTrue
            # ... and a restriction the other runspaces would not get is a warning, not only a verbose line.
            $warning = Set-CIPPAPIDetails $script:Mock.client_id $script:Mock.client_secret $script:Mock.http $script:Mock.tenant_id -AllowedEndpoint ListTenants 3>&1 | ForEach-Object { "$_" }
            ($warning -join "`n") | Should -BeLike '*apply to this runspace only*not restricted by this -ReadOnly or -AllowedEndpoint*'
        } finally {
            $first.Runspace.Close()
            $first.Dispose()
        }
        # ... and can once it is closed.
        Connect-Mock -Listener http
        $mine = & (Get-Module CIPPAPIModule) { $script:CIPPClient }
        [object]::ReferenceEquals([System.AppDomain]::CurrentDomain.GetData('CIPPAPIModule.SharedClient'), $mine) | Should -BeTrue
    }
}

Describe 'Module removal and re-import' {
    It 'Import-Module -Force keeps the details (process-wide); a replaced client is disposed' {
        Connect-Mock -Listener http
        $client = & (Get-Module CIPPAPIModule) { $script:CIPPClient }
        $null = Import-CippModuleForTest
        $client.IsDisposed | Should -BeFalse
        (Invoke-CIPPRestMethod -Endpoint '/api/me').clientPrincipal.appId | Should -Be $script:Mock.client_id
        # The community module's state variables come back too.
        & (Get-Module CIPPAPIModule) { $script:CIPPAPIUrl } | Should -Be $script:Mock.http
        & (Get-Module CIPPAPIModule) { $script:CIPPClientID } | Should -Be $script:Mock.client_id
        Connect-Mock -Listener http
        $own = & (Get-Module CIPPAPIModule) { $script:CIPPClient }
        Connect-Mock -Listener http
        $own.IsDisposed | Should -BeTrue -Because 'Set-CIPPAPIDetails releases the client it replaces'
    }

    It 'Remove-Module disposes a client that is not the process-wide one' {
        Connect-Mock -Listener http
        $client = & (Get-Module CIPPAPIModule) { $script:CIPPClient }
        [System.AppDomain]::CurrentDomain.SetData('CIPPAPIModule.SharedClient', $null)
        Remove-Module CIPPAPIModule
        $client.IsDisposed | Should -BeTrue
        $null = Import-CippModuleForTest
        { Invoke-CIPPRestMethod -Endpoint '/api/ListTenants' } | Should -Throw -ExpectedMessage 'Cannot continue:*'
        Connect-Mock -Listener http
    }
}

Describe 'Request bodies (1.3.0 shapes, 1.2.12 wire for a hashtable)' {
    BeforeAll {
        Connect-Mock -Listener http
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
    }
    BeforeEach {
        Clear-CippMockRequest -Mock $script:Mock
    }

    It '<Case> is sent as <Json>' -ForEach @(
        @{ Case = 'a hashtable'; Body = @{ tenantFilter = 'c' }; Json = '{"tenantFilter":"c"}' }
        @{ Case = 'a nested hashtable'; Body = @{ tenantFilter = 'c'; user = @{ value = 'u' }; list = @(1, 2) }; Json = $null }
        @{ Case = 'an ordered dictionary'; Body = [ordered]@{ tenantFilter = 'c'; user = 'u' }; Json = '{"tenantFilter":"c","user":"u"}' }
        @{ Case = 'a PSCustomObject'; Body = [pscustomobject]@{ tenantFilter = 'c'; user = 'u' }; Json = '{"tenantFilter":"c","user":"u"}' }
        @{ Case = 'an array'; Body = @(@{ a = 1 }, [pscustomobject]@{ b = 2 }); Json = '[{"a":1},{"b":2}]' }
        @{ Case = 'a one-element array'; Body = @(, @{ a = 1 }); Json = '[{"a":1}]' }
        @{ Case = 'an empty hashtable'; Body = @{}; Json = '{}' }
    ) {
        # The mock answers 400 for bodies without tenantFilter; only the request matters here.
        try { $null = Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body $Body 3>$null } catch { $null = $_ }
        $expected = if ($Json) { $Json } else { ConvertTo-Json -InputObject $Body -Depth 10 -Compress }
        (Get-ApiRequest).body | Should -BeExactly $expected
    }

    It 'sends {} without -Body' {
        $null = Invoke-CIPPRestMethod -Endpoint '/api/ListTenants'
        (Get-ApiRequest).body | Should -BeExactly '{}'
    }

    It 'refuses a <Case> before sending, with an error at the caller''s line' -ForEach @(
        @{ Case = 'JSON string'; Body = '{"a":1}' }
        @{ Case = 'number'; Body = 5 }
        @{ Case = 'array holding a string'; Body = @(@{ a = 1 }, 'x') }
    ) {
        $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-body-$([guid]::NewGuid().ToString('N')).ps1")
        [System.IO.File]::WriteAllText($file, "param(`$Body)`ntry {`nInvoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body `$Body`n} catch { `$_ }`n")
        try { $err = & $file -Body $Body } finally { Remove-Item -LiteralPath $file }
        $err | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $err.FullyQualifiedErrorId | Should -BeLike 'CIPPAPI.BodyShape*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'hashtable, an ordered dictionary, a PSCustomObject'
        $err.InvocationInfo.ScriptName | Should -Be $file
        $err.InvocationInfo.ScriptLineNumber | Should -Be 3
        @(Get-CippMockRequest -Mock $script:Mock).Count | Should -Be 0
    }
}

Describe 'Error records point at the caller''s line' {
    BeforeAll {
        $script:ReadOnlyClient = @{ Id = 'bbbbbbbb-cccc-dddd-eeee-ffffffffffff'; Secret = 'mock-readonly-secret' }
        # Runs a script file and returns what it caught: the error record and the file.
        function script:Invoke-CallerScript([string]$Text) {
            $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-caller-$([guid]::NewGuid().ToString('N')).ps1")
            [System.IO.File]::WriteAllText($file, $Text)
            try { $record = & $file } finally { Remove-Item -LiteralPath $file }
            @{ Record = $record; File = $file }
        }
    }
    AfterAll { Connect-Mock -Listener http }

    It 'a generated command (Set-CIPPResetPassword, 403): the caller''s script and line, status and body unchanged' {
        Connect-Mock -Listener http -ClientId $script:ReadOnlyClient.Id -Secret $script:ReadOnlyClient.Secret
        $r = Invoke-CallerScript "# caller`ntry {`n    Set-CIPPResetPassword -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'ada@contoso.com'`n} catch { `$_ }`n"
        $r.Record.InvocationInfo.ScriptName | Should -Be $r.File
        $r.Record.InvocationInfo.ScriptLineNumber | Should -Be 3
        $r.Record.InvocationInfo.Line | Should -Match 'Set-CIPPResetPassword'
        [int]$r.Record.Exception.Response.StatusCode | Should -Be 403
        $r.Record.ErrorDetails.Message | Should -Not -BeNullOrEmpty
        $r.Record.Exception | Should -BeOfType ([Microsoft.PowerShell.Commands.HttpResponseException])
        $r.Record.CategoryInfo.Activity | Should -Be 'Invoke-CIPPRestMethod'
    }

    It 'Invoke-CIPPRestMethod (404) and Get-CIPPLogs: the caller''s script and line' {
        Connect-Mock -Listener http
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListLogs'; kind = 'status'; status = 403; body = 'Access to this CIPP API endpoint is not allowed' }
        $r = Invoke-CallerScript "`$a = try { Invoke-CIPPRestMethod -Endpoint '/api/NoSuchEndpoint' } catch { `$_ }`n`$b = try { Get-CIPPLogs } catch { `$_ }`n`$a; `$b`n"
        $a, $b = $r.Record
        $a.InvocationInfo.ScriptName | Should -Be $r.File
        $a.InvocationInfo.ScriptLineNumber | Should -Be 1
        [int]$a.Exception.Response.StatusCode | Should -Be 404
        $a.ErrorDetails.Message | Should -Not -BeNullOrEmpty
        $b.InvocationInfo.ScriptName | Should -Be $r.File
        $b.InvocationInfo.ScriptLineNumber | Should -Be 2
        $b.ErrorDetails.Message | Should -BeExactly 'Access to this CIPP API endpoint is not allowed'
        Reset-CippMock -Mock $script:Mock
    }
}
