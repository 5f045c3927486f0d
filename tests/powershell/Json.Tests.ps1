#Requires -Version 7.0
# Pester 5 tests of [CippApi.CippJson] (powershell/CIPPAPIModule/src/CippJson.cs): it must build exactly what
# `ConvertFrom-Json -NoEnumerate` builds (types, values, property names and order, DateTime Kind and ticks) or decline
# (TryConvertFromJson returns false) so that the caller runs ConvertFrom-Json. Compared on hand-written edge cases, a
# seeded generated corpus (date-like strings, numbers, random documents), the same corpus in other time zones (child
# processes with TZ set) and real mock bodies (ListLogs, ListTenants, ListGraphRequest pages).
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Json.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Import-CippModuleForTest

    # The corpus and the deep comparison, shared with the child processes of the time-zone tests.
    $script:Shared = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($PSScriptRoot, 'JsonParity.ps1'))
    . ([scriptblock]::Create($script:Shared))

    $script:Mock = Start-CippMock
    $settings = [System.Collections.Generic.Dictionary[string, string]]::new()
    $settings['authority_host'] = $script:Mock.http
    $script:Client = [CippApi.CippClient]::new($script:Mock.client_id, $script:Mock.client_secret, $script:Mock.http,
        $script:Mock.tenant_id, $settings)

    function script:New-Query {
        param([System.Collections.IDictionary]$Values)
        $q = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
        foreach ($k in $Values.Keys) { $q.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($k, [string]$Values[$k])) }
        , $q
    }
}

AfterAll {
    if ($script:Client) { $script:Client.Dispose() }
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
}

Describe 'CippJson builds what ConvertFrom-Json builds' {
    Context 'hand-written edge cases it converts' {
        It 'converts <Label> exactly like ConvertFrom-Json' -ForEach (@(
            # Dates: Newtonsoft's ISO grammar (DateParseHandling.DateTime, RoundtripKind) and what stays a string.
            @{ Json = '"2026-08-07T14:03:11.5234567+00:00"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11Z"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11z"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11.1Z"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11+0530"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11+05"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11-05:00"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11+05:"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11+99:99"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11:30"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:1112"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11.123456789"'; Type = [datetime] }
            @{ Json = '"2026-08-07T24:00:00Z"'; Type = [datetime] }
            @{ Json = '"2024-02-29T00:00:00Z"'; Type = [datetime] }
            @{ Json = '"0001-01-01T00:00:00+01:00"'; Type = [datetime] }
            @{ Json = '"9999-12-31T23:59:59-01:00"'; Type = [datetime] }
            @{ Json = '"9999-12-31T23:59:59.9999999Z"'; Type = [datetime] }
            @{ Json = '"\u0032026-08-07T14:03:11Z"'; Type = [datetime] }
            @{ Json = '"2026-08-07T14:03:11\u002B05:00"'; Type = [datetime] }
            @{ Json = '"2026-08-07"'; Type = [string] }
            @{ Json = '"2026-08-07T14:03"'; Type = [string] }
            @{ Json = '"2026-08-07 14:03:11Z"'; Type = [string] }
            @{ Json = '"2026-08-07t14:03:11Z"'; Type = [string] }
            @{ Json = '"2026-08-07T14:03:11.Z"'; Type = [string] }
            @{ Json = '"2026-08-07T14:03:11.12345678Z"'; Type = [string] }
            @{ Json = '"2026-08-07T14:03:11.0000000000000000000000Z"'; Type = [string] }
            @{ Json = '"2026-02-30T14:03:11Z"'; Type = [string] }
            @{ Json = '"2023-02-29T00:00:00Z"'; Type = [string] }
            @{ Json = '"0000-01-01T00:00:00Z"'; Type = [string] }
            @{ Json = '"2026-08-07T23:59:60Z"'; Type = [string] }
            @{ Json = '"2026-08-07T24:00:00.0000001Z"'; Type = [string] }
            @{ Json = '"2026-08-07T14:03:11 "'; Type = [string] }
            @{ Json = '"2026-08-07T14:03:11,5Z"'; Type = [string] }
            @{ Json = '"2026-8-07T14:03:11Z"'; Type = [string] }
            @{ Json = '"Date(1234567890123)"'; Type = [string] }
            @{ Json = '"/not a date/"'; Type = [string] }
            # Numbers: Int64, BigInteger past Int64, Double for a fraction or exponent (overflow to infinity).
            @{ Json = '0'; Type = [long] }
            @{ Json = '-0'; Type = [long] }
            @{ Json = '1'; Type = [long] }
            @{ Json = '-1'; Type = [long] }
            @{ Json = '255'; Type = [long] }
            @{ Json = '256'; Type = [long] }
            @{ Json = '2147483647'; Type = [long] }
            @{ Json = '2147483648'; Type = [long] }
            @{ Json = '-2147483649'; Type = [long] }
            @{ Json = '999999999999999999'; Type = [long] }
            @{ Json = '-99999999999999999'; Type = [long] }
            @{ Json = '9223372036854775807'; Type = [long] }
            @{ Json = '-9223372036854775808'; Type = [long] }
            @{ Json = '9223372036854775808'; Type = [System.Numerics.BigInteger] }
            @{ Json = '-9223372036854775809'; Type = [System.Numerics.BigInteger] }
            @{ Json = '123456789012345678901234567890'; Type = [System.Numerics.BigInteger] }
            @{ Json = '79228162514264337593543950336'; Type = [System.Numerics.BigInteger] }
            @{ Json = '1.0'; Type = [double] }
            @{ Json = '-0.0'; Type = [double] }
            @{ Json = '0.1'; Type = [double] }
            @{ Json = '1e5'; Type = [double] }
            @{ Json = '1E+5'; Type = [double] }
            @{ Json = '1e-5'; Type = [double] }
            @{ Json = '1e400'; Type = [double] }
            @{ Json = '-1e400'; Type = [double] }
            @{ Json = '1e-400'; Type = [double] }
            @{ Json = '4.9e-324'; Type = [double] }
            @{ Json = '1.7976931348623157e308'; Type = [double] }
            @{ Json = '79228162514264337593543950335.5'; Type = [double] }
            @{ Json = '0.30000000000000004'; Type = [double] }
            @{ Json = '1' + ('0' * 400) + '.5'; Type = [double] }
            # Strings and escapes.
            @{ Json = '""'; Type = [string] }
            @{ Json = '"\u00e9\ud83d\ude00"'; Type = [string] }
            @{ Json = '"😀 日本語 é"'; Type = [string] }
            @{ Json = '"a\u0000b\n\t\"\\\/\b\f\r"'; Type = [string] }
            @{ Json = '"\uFEFF\uFFFF"'; Type = [string] }
            @{ Json = ('"' + ('x' * 100000) + '"'); Type = [string] }
            # Literals, containers, whitespace, top level.
            @{ Json = 'true'; Type = [bool] }
            @{ Json = 'false'; Type = [bool] }
            @{ Json = 'null'; Type = $null }
            @{ Json = '[]'; Type = [object[]] }
            @{ Json = '{}'; Type = [psobject] }
            @{ Json = '[null]'; Type = [object[]] }
            @{ Json = '[[]]'; Type = [object[]] }
            @{ Json = '[{}]'; Type = [object[]] }
            @{ Json = '[1,[2,[3,[4]]]]'; Type = [object[]] }
            @{ Json = "  `t`r`n[1 , 2 ]`r`n  "; Type = [object[]] }
            @{ Json = '{"a":{},"b":[],"c":null,"d":"","e":[{}],"f":{"g":{"h":[[]]}}}'; Type = [psobject] }
            @{ Json = '{"Zeta":1,"alpha":2,"Beta":3,"$type":"x","$id":"1","$ref":"2","$values":[1],"a b":4,"日本":5,"é":6}'; Type = [psobject] }
            @{ Json = '{"a":"2026-08-07T14:03:11Z","b":["2026-08-07T14:03:11+02:00",{"c":"2026-08-07T14:03:11"}]}'; Type = [psobject] }
            @{ Json = '{"x":1,"y":{"x":2,"y":{"x":3}}}'; Type = [psobject] }
            @{ Json = '{"PSObjectX":1,"Properties":2,"Members":3,"BaseObject":4,"TypeNames":5,"ImmediateBaseObject":6}'; Type = [psobject] }
            @{ Json = ('[' * 1000) + (']' * 1000); Type = [object[]] }
            @{ Json = ('{"a":' * 500) + '1' + ('}' * 500); Type = [psobject] }
        ) | ForEach-Object { $_.Label = if ($_.Json.Length -gt 70) { $_.Json.Substring(0, 30) + "... ($($_.Json.Length) characters)" } else { $_.Json }; $_ }) {
            $r = Compare-CippJson -Json $Json
            $r.Took | Should -BeTrue -Because 'this input is strict JSON that CippJson converts itself'
            $r.ExpectedError | Should -BeNullOrEmpty
            $r.Diffs | Should -BeNullOrEmpty
            if ($null -eq $Type) { $r.Actual | Should -BeNullOrEmpty } else { , $r.Actual | Should -BeOfType $Type }
        }
    }

    Context 'inputs it leaves to ConvertFrom-Json' {
        # Each returns false (and no result); ConvertFrom-Json then parses the text its own way or fails as it always did.
        It 'declines <Why>: <Label>' -ForEach (@(
            @{ Why = 'a Microsoft date (Newtonsoft makes it a DateTime)'; Json = '"\/Date(1234567890123)\/"' }
            @{ Why = 'a Microsoft date with an offset'; Json = '"/Date(1234567890123+0100)/"' }
            @{ Why = 'a date Newtonsoft cannot build (it throws)'; Json = '"9999-12-31T24:00:00Z"' }
            @{ Why = 'exact duplicate names (ConvertFrom-Json keeps the last, moved to the end)'; Json = '{"a":1,"b":2,"a":3}' }
            @{ Why = 'names differing only in case (ConvertFrom-Json fails)'; Json = '{"a":1,"A":2}' }
            @{ Why = 'an empty name (ConvertFrom-Json fails)'; Json = '{"":1}' }
            @{ Why = 'a reserved member name (ConvertFrom-Json fails)'; Json = '{"psobject":1}' }
            @{ Why = 'a reserved member name (ConvertFrom-Json fails)'; Json = '[{"PSTypeNames":1}]' }
            @{ Why = 'a lone surrogate escape'; Json = '"\ud800"' }
            @{ Why = 'a lone low surrogate escape'; Json = '["\udc00x"]' }
            @{ Why = 'a leading zero (Newtonsoft reads it)'; Json = '01' }
            @{ Why = 'hexadecimal (Newtonsoft reads it)'; Json = '0x10' }
            @{ Why = 'a bare fraction'; Json = '.5' }
            @{ Why = 'a trailing dot'; Json = '1.' }
            @{ Why = 'a plus sign (ConvertFrom-Json fails)'; Json = '+1' }
            @{ Why = 'NaN'; Json = 'NaN' }
            @{ Why = 'Infinity'; Json = '[Infinity]' }
            @{ Why = 'undefined'; Json = '[undefined]' }
            @{ Why = 'a trailing comma'; Json = '[1,]' }
            @{ Why = 'a trailing comma in an object'; Json = '{"a":1,}' }
            @{ Why = 'a comment'; Json = '/*x*/[1]' }
            @{ Why = 'a line comment'; Json = "// c`n1" }
            @{ Why = 'single quotes'; Json = "'a'" }
            @{ Why = 'an unquoted name'; Json = '{a:1}' }
            @{ Why = 'two values (ConvertFrom-Json fails)'; Json = '1 2' }
            @{ Why = 'text after the value (ConvertFrom-Json fails)'; Json = '[1] x' }
            @{ Why = 'two objects (ConvertFrom-Json fails)'; Json = '{"a":1}{"b":2}' }
            @{ Why = 'a raw control character'; Json = "[`"a`tb`"]" }
            @{ Why = 'non-JSON whitespace'; Json = "$([char]0xA0)[1]" }
            @{ Why = 'a byte order mark'; Json = "$([char]0xFEFF)[1]" }
            @{ Why = 'an empty text'; Json = '' }
            @{ Why = 'only whitespace'; Json = '   ' }
            @{ Why = 'an integer of more than 300 characters'; Json = '9' * 301 }
            @{ Why = 'an integer Newtonsoft refuses (over 380 characters)'; Json = '9' * 381 }
            @{ Why = 'nesting deeper than MaxDepth (1000)'; Json = ('[' * 1001) + (']' * 1001) }
            @{ Why = 'nesting ConvertFrom-Json refuses'; Json = ('[' * 1025) + (']' * 1025) }
            @{ Why = 'an unterminated array'; Json = '[1, 2' }
        ) | ForEach-Object { $_.Label = if ($_.Json.Length -gt 70) { $_.Json.Substring(0, 30) + "... ($($_.Json.Length) characters)" } else { $_.Json }; $_ }) {
            $actual = 'unset'
            [CippApi.CippJson]::TryConvertFromJson((New-CippTestResponse $Json), [ref]$actual) | Should -BeFalse
            $actual | Should -BeNullOrEmpty
        }

        It 'declines invalid UTF-8 (the Body string would hold U+FFFD)' {
            foreach ($bytes in [byte[]](0x22, 0xC3, 0x28, 0x22), [byte[]](0x22, 0xED, 0xA0, 0x80, 0x22), [byte[]](0x5B, 0x22, 0xFF, 0x22, 0x5D)) {
                $actual = $null
                [CippApi.CippJson]::TryConvertFromJson((New-CippTestResponse $bytes), [ref]$actual) | Should -BeFalse
            }
        }
    }

    Context 'generated corpus' {
        It 'converts every string of the date corpus exactly (<Count> strings, some thousands of them dates)' -TestCases @(@{ Count = 'all' }) {
            $json = New-CippDateCorpus
            $r = Compare-CippJson -Json $json
            $r.Took | Should -BeTrue
            $r.Diffs | Should -BeNullOrEmpty
            @($r.Expected | Where-Object { $_ -is [datetime] }).Count | Should -BeGreaterThan 1000
            @($r.Expected | Where-Object { $_ -is [datetime] -and $_.Kind -eq 'Local' }).Count | Should -BeGreaterThan 300
        }

        It 'converts every string of the date corpus exactly one string at a time' {
            $strings = ConvertFrom-Json (New-CippDateCorpus -Mutations 1500 -Random 500) -DateKind String
            $bad = foreach ($s in $strings) {
                $json = ConvertTo-Json -InputObject $s
                $r = Compare-CippJson -Json $json
                if ($r.Took) { if ($r.Diffs) { "$json : $($r.Diffs -join '; ')" } }
                elseif (-not $s.StartsWith('9999-12-31T24')) { "$json : declined" }
            }
            $bad | Should -BeNullOrEmpty
        }

        It 'converts 20 000 generated numbers exactly' {
            $rng = [System.Random]::new(11)
            $numbers = for ($i = 0; $i -lt 20000; $i++) {
                switch ($rng.Next(8)) {
                    0 { [string]([long]$rng.Next() * [long]$rng.Next() * 4 - [long]::MaxValue / 2) }
                    1 { [string]([bigint]::Multiply([bigint]$rng.Next(), [bigint]::Pow(10, $rng.Next(10, 40))) * ($(if ($rng.Next(2)) { 1 } else { -1 }))) }
                    2 { $rng.NextDouble().ToString('R', [cultureinfo]::InvariantCulture) }
                    3 { ($rng.NextDouble() * [math]::Pow(10, $rng.Next(-320, 309))).ToString('R', [cultureinfo]::InvariantCulture) }
                    4 { '{0}e{1}' -f $rng.Next(-999, 1000), $rng.Next(-400, 401) }
                    5 { '{0}.{1}E{2:+0;-0}' -f $rng.Next(-99, 100), $rng.Next(), $rng.Next(-330, 331) }
                    6 { [string]$rng.Next(-300, 300) }
                    default { '{0}.{1}' -f $rng.Next(-100000, 100000), ([string]$rng.Next()).PadLeft(30, '7') }
                }
            }
            $r = Compare-CippJson -Json ('[' + ($numbers -join ',') + ']')
            $r.Took | Should -BeTrue
            $r.Diffs | Should -BeNullOrEmpty
            ($r.Expected | Group-Object { $_.GetType().Name }).Name | Sort-Object | Should -Be @('BigInteger', 'Double', 'Int64')
        }

        It 'converts 400 random documents exactly' {
            $rng = [System.Random]::new(5)
            $failures = for ($i = 0; $i -lt 400; $i++) {
                $json = New-CippRandomJson -Rng $rng
                $r = Compare-CippJson -Json $json
                if (-not $r.Took -or $r.Diffs) { "$json => took=$($r.Took) $($r.Diffs -join '; ')" }
            }
            $failures | Should -BeNullOrEmpty
        }

        It 'converts the date corpus exactly in the time zone <Zone>' -Skip:($IsWindows) -ForEach @(
            @{ Zone = 'America/New_York' }, @{ Zone = 'Asia/Kathmandu' }, @{ Zone = 'Pacific/Chatham' },
            @{ Zone = 'Australia/Lord_Howe' }, @{ Zone = 'Pacific/Kiritimati' }, @{ Zone = 'Etc/GMT+12' }
        ) {
            $script = $script:Shared + @'

Import-Module ([System.IO.Path]::Combine($env:CIPP_TESTS, 'TestHelpers.psm1'))
$null = Import-CippModuleForTest
$r = Compare-CippJson -Json (New-CippDateCorpus -Seed 3)
$local = @($r.Expected | Where-Object { $_ -is [datetime] -and $_.Kind -eq 'Local' }).Count
"RESULT took=$($r.Took) local=$local offset=$([TimeZoneInfo]::Local.BaseUtcOffset) diffs=$(@($r.Diffs).Count) $($r.Diffs -join '; ')"
'@
            $run = Invoke-CippChildPwsh -Script $script -Environment @{ TZ = $Zone; CIPP_TESTS = $PSScriptRoot }
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $line = @($run.StdOut -split "`n" | Where-Object { $_.StartsWith('RESULT') })[-1]
            $line | Should -Match 'took=True local=[1-9]\d* '
            $line | Should -Match 'diffs=0 '
            $line | Should -Not -Match 'offset=00:00:00'
        }
    }

    Context 'mock bodies' {
        BeforeAll {
            Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 3000; tenant_count = 40; graph_user_count = 120 } | Out-Null
        }
        AfterAll {
            Reset-CippMock -Mock $script:Mock
        }

        It 'converts <Name> exactly' -ForEach @(
            @{ Name = 'ListLogs (today)'; Endpoint = '/api/ListLogs'; Query = @{} }
            @{ Name = 'ListLogs (errors)'; Endpoint = '/api/ListLogs'; Query = @{ Severity = 'error' } }
            @{ Name = 'ListLogs (one row by RowKey)'; Endpoint = '/api/ListLogs'; Query = @{ logentryid = 'first' } }
            @{ Name = 'ListTenants'; Endpoint = '/api/ListTenants'; Query = @{} }
            @{ Name = 'ListTenants with AllTenants'; Endpoint = '/api/ListTenants'; Query = @{ AllTenantSelector = 'true' } }
            @{ Name = 'ListGraphRequest users'; Endpoint = '/api/ListGraphRequest'; Query = @{ Endpoint = 'users'; tenantFilter = 'tenant1.onmicrosoft.com' } }
            @{ Name = 'ListGraphRequest users page'; Endpoint = '/api/ListGraphRequest'; Query = @{ Endpoint = 'users'; tenantFilter = 'tenant2.onmicrosoft.com'; manualPagination = 'true'; '$top' = '50' } }
            @{ Name = 'ListGraphRequest count'; Endpoint = '/api/ListGraphRequest'; Query = @{ Endpoint = 'users'; tenantFilter = 'tenant1.onmicrosoft.com'; CountOnly = 'true' } }
        ) {
            if ($Query.logentryid -eq 'first') {
                $all = $script:Client.InvokeRestMethod('GET', '/api/ListLogs', $null, $null, $null)
                $Query = @{ logentryid = (ConvertFrom-Json $all.Body)[0].RowKey }
            }
            $response = $script:Client.InvokeRestMethod('GET', $Endpoint, (New-Query $Query), $null, $null)
            $response.StatusCode | Should -Be 200
            $response.IsJson | Should -BeTrue
            $response.BodyLength | Should -BeGreaterThan 1
            $actual = $null
            [CippApi.CippJson]::TryConvertFromJson($response, [ref]$actual) | Should -BeTrue
            $expected = ConvertFrom-Json -InputObject $response.Body -NoEnumerate
            [CippJsonParity]::Diff($expected, $actual, 10) | Should -BeNullOrEmpty
            # The lazily decoded Body is the UTF-8 text of the bytes.
            [System.Text.Encoding]::UTF8.GetByteCount($response.Body) | Should -Be $response.BodyLength
        }

        It 'converts a ListLogs body with dates and LogData objects, pretty-printed too' {
            $response = $script:Client.InvokeRestMethod('GET', '/api/ListLogs', $null, $null, $null)
            $rows = $null
            [CippApi.CippJson]::TryConvertFromJson($response, [ref]$rows) | Should -BeTrue
            $rows.Count | Should -BeGreaterThan 1000
            $rows[0].DateTime | Should -BeOfType [datetime]
            $rows[0].DateTime.Kind | Should -Be 'Local'
            @($rows | Where-Object { $_.LogData -is [psobject] -and $_.LogData.psobject.BaseObject -is [System.Management.Automation.PSCustomObject] }).Count | Should -BeGreaterThan 10
            @($rows | Where-Object { $_.LogData -is [object[]] }).Count | Should -BeGreaterThan 10
            $pretty = ConvertFrom-Json $response.Body -DateKind String | ConvertTo-Json -Depth 10
            $r = Compare-CippJson -Json $pretty
            $r.Took | Should -BeTrue
            $r.Diffs | Should -BeNullOrEmpty
        }
    }

    Context 'API' {
        It 'has two entry points, both taking a response: at once, and streamed (the one the module calls)' {
            foreach ($name in 'TryConvertFromJson', 'TryConvertFromJsonStreamed') {
                $overloads = @([CippApi.CippJson].GetMethods() | Where-Object Name -EQ $name)
                $overloads.Count | Should -Be 1
                $overloads[0].GetParameters()[0].ParameterType | Should -Be ([CippApi.CippResponse])
            }
        }

        It 'gives the same object ConvertFrom-Json -NoEnumerate gives, through [ref]' {
            $value = $null
            [CippApi.CippJson]::TryConvertFromJson((New-CippTestResponse '{"a":[1,"x"],"b":{"c":true}}'), [ref]$value) | Should -BeTrue
            $value.a.GetType() | Should -Be ([object[]])
            $value.a[0] | Should -BeOfType [long]
            $value.b.c | Should -BeTrue
            ($value | ConvertTo-Json -Compress) | Should -BeExactly (ConvertFrom-Json '{"a":[1,"x"],"b":{"c":true}}' | ConvertTo-Json -Compress)
            $value.psobject.TypeNames | Should -Be @('System.Management.Automation.PSCustomObject', 'System.Object')
        }

        It 'the comparison used here notices a difference in Kind, type, order and value' {
            $a = ConvertFrom-Json '{"a":"2026-08-07T14:03:11Z","b":1}'
            [CippJsonParity]::Diff($a, (ConvertFrom-Json '{"a":"2026-08-07T14:03:11","b":1}'), 5) | Should -Not -BeNullOrEmpty
            [CippJsonParity]::Diff($a, (ConvertFrom-Json '{"a":"2026-08-07T14:03:11Z","b":1.0}'), 5) | Should -Not -BeNullOrEmpty
            [CippJsonParity]::Diff($a, (ConvertFrom-Json '{"b":1,"a":"2026-08-07T14:03:11Z"}'), 5) | Should -Not -BeNullOrEmpty
            [CippJsonParity]::Diff($a, (ConvertFrom-Json '{"a":"2026-08-07T14:03:11Z","b":2}'), 5) | Should -Not -BeNullOrEmpty
            [CippJsonParity]::Diff((ConvertFrom-Json '-0.0'), (ConvertFrom-Json '0.0'), 5) | Should -Not -BeNullOrEmpty
            [CippJsonParity]::Diff($a, (ConvertFrom-Json '{"a":"2026-08-07T14:03:11Z","b":1}'), 5) | Should -BeNullOrEmpty
        }

        It 'keeps Body, BodyLength and an empty body working' {
            $response = $script:Client.InvokeRestMethod('GET', '/api/ListTenants', $null, $null, $null)
            $response.BodyLength | Should -Be ([System.Text.Encoding]::UTF8.GetByteCount($response.Body))
            [object]::ReferenceEquals($response.Body, $response.Body) | Should -BeTrue
            $value = 'unset'
            [CippApi.CippJson]::TryConvertFromJson((New-CippTestResponse ([byte[]]@())), [ref]$value) | Should -BeFalse
            $value | Should -BeNullOrEmpty
        }
    }
}
