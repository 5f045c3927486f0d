#Requires -Version 7.0
# Pester 5 tests that big lists are streamed: a top-level JSON array of at least [CippApi.CippJson]::StreamMinBytes
# comes back from TryConvertFromJsonStreamed as a CippJsonArray whose elements are built one per enumeration step, so
# Get-CIPPLogs, Invoke-CIPPRestMethod and Invoke-CIPPForEachTenant write each row before the next is built
# ([CippApi.CippJson]::StreamedElements counts the elements built), while collected output is still exactly what
# ConvertFrom-Json gives (compared with [CippJsonParity]::Diff from JsonParity.ps1), bodies CippJson declines still
# decline before anything is written, and `Get-CIPPLogs | Export-Csv` over 50 000 rows stays within 1.6x the memory
# of the pwsh before the call (child process, peak RSS).
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Streaming.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Mock = Start-CippMock
    $script:SavedAuthority = $env:CIPPAPI_AUTHORITY_HOST
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $null = Import-CippModuleForTest
    . ([scriptblock]::Create([System.IO.File]::ReadAllText([System.IO.Path]::Combine($PSScriptRoot, 'JsonParity.ps1'))))
    Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
        -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id

    $settings = [System.Collections.Generic.Dictionary[string, string]]::new()
    $settings['authority_host'] = $script:Mock.http
    $script:Client = [CippApi.CippClient]::new($script:Mock.client_id, $script:Mock.client_secret, $script:Mock.http,
        $script:Mock.tenant_id, $settings)

    # A past day: its rows do not change with the clock (today's grow until midnight).
    $script:Day = [DateTime]::UtcNow.AddDays(-1).ToString('yyyyMMdd')
    Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 3000 } | Out-Null

    # A JSON array of generated rows (objects with dates, nested objects and arrays) longer than StreamMinBytes,
    # then the given last elements.
    function script:New-BigArray {
        param([string[]]$Last = @(), [int]$MinBytes = [CippApi.CippJson]::StreamMinBytes + 1000)
        $sb = [System.Text.StringBuilder]::new('[')
        $i = 0
        while ($sb.Length -lt $MinBytes) {
            if ($i) { $null = $sb.Append(',') }
            $null = $sb.Append("{`"RowKey`":`"row$i`",`"DateTime`":`"2026-08-07T14:03:$('{0:D2}' -f ($i % 60))Z`",`"Severity`":`"Info`",")
            $null = $sb.Append("`"LogData`":{`"n`":$i,`"list`":[1,`"x`",null,{`"deep`":[[]]}]},`"Message`":`"caf\u00e9 $i`"}")
            $i++
        }
        foreach ($e in $Last) { $null = $sb.Append(',').Append($e) }
        $sb.Append(']').ToString()
    }

    function script:Get-StreamedCount { [CippApi.CippJson]::StreamedElements }

    # Serves Body (JSON) for every request to /api/ListStreamTest until the mock is reset.
    function script:Set-StreamBody([string]$Body) {
        $null = Invoke-RestMethod -Uri "$($script:Mock.http)/_mock/faults" -Method Delete -NoProxy
        Add-CippMockFault -Mock $script:Mock -Fault @{ match = 'ListStreamTest'; kind = 'status'; status = 200; times = 0
            body = $Body; content_type = 'application/json; charset=utf-8' }
    }
}

AfterAll {
    if ($script:Client) { $script:Client.Dispose() }
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    $env:CIPPAPI_AUTHORITY_HOST = $script:SavedAuthority
}

Describe 'CippJson.TryConvertFromJsonStreamed' {
    It 'builds small bodies and non-array bodies at once, as TryConvertFromJson does' {
        foreach ($json in '[1,{"a":2}]', ('{"Results":' + (New-BigArray) + '}'), '"text"') {
            $streamed = $null
            [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse $json), [ref]$streamed) | Should -BeTrue
            $streamed | Should -Not -BeOfType [CippApi.CippJsonArray]
            [CippJsonParity]::Diff((ConvertFrom-Json $json -NoEnumerate), $streamed, 5) | Should -BeNullOrEmpty
        }
    }

    It 'checks a big array without building it, then builds one element per step' {
        $json = New-BigArray
        $before = Get-StreamedCount
        $result = $null
        [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse $json), [ref]$result) | Should -BeTrue
        $result -is [CippApi.CippJsonArray] | Should -BeTrue
        (Get-StreamedCount) - $before | Should -Be 0 -Because 'the check builds no element'
        $e = $result.GetEnumerator()
        $e.MoveNext() | Should -BeTrue
        (Get-StreamedCount) - $before | Should -Be 1
        $e.Current.RowKey | Should -Be 'row0'
        $e.MoveNext() | Should -BeTrue
        (Get-StreamedCount) - $before | Should -Be 2
        $e.Current.RowKey | Should -Be 'row1'
    }

    It 'enumerates to exactly what ConvertFrom-Json gives: <Name>' -ForEach @(
        @{ Name = 'generated rows'; Kind = 'rows' }
        @{ Name = 'generated rows, pretty-printed'; Kind = 'pretty' }
        @{ Name = 'random documents (every value kind, escapes, non-ASCII, nesting)'; Kind = 'random' }
        @{ Name = 'a mock ListLogs body'; Kind = 'logs' }
    ) {
        $json = if ($Kind -eq 'rows') { New-BigArray }
        elseif ($Kind -eq 'pretty') { ConvertFrom-Json (New-BigArray) -DateKind String | ConvertTo-Json -Depth 10 }
        elseif ($Kind -eq 'random') {
            $rng = [System.Random]::new(23)
            $docs = [System.Collections.Generic.List[string]]::new()
            $length = 0
            while ($length -lt [CippApi.CippJson]::StreamMinBytes * 1.2) {
                $doc = New-CippRandomJson -Rng $rng
                $docs.Add($doc)
                $length += $doc.Length
            }
            '[' + ($docs -join ",`n") + ']'
        } else { $script:Client.GetLogs($null, $script:Day, $null, $null).Body }
        [System.Text.Encoding]::UTF8.GetByteCount($json) | Should -BeGreaterThan ([CippApi.CippJson]::StreamMinBytes)
        $result = $null
        [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse $json), [ref]$result) | Should -BeTrue
        $result -is [CippApi.CippJsonArray] | Should -BeTrue
        $expected = ConvertFrom-Json -InputObject $json -NoEnumerate
        [CippJsonParity]::Diff($expected, [object[]]@($result), 10) | Should -BeNullOrEmpty
        # A second enumeration starts again from the first element.
        [CippJsonParity]::Diff($expected, [object[]]@($result), 10) | Should -BeNullOrEmpty
    }

    It 'declines a big array whose last element is <Why>, before building anything' -ForEach @(
        @{ Why = 'names differing only in case'; Last = '{"a":1,"A":2}' }
        @{ Why = 'exact duplicate names'; Last = '{"a":1,"b":2,"a":3}' }
        @{ Why = 'an empty name'; Last = '{"x":{"":1}}' }
        @{ Why = 'a reserved name'; Last = '{"psobject":1}' }
        @{ Why = 'a reserved name in other case'; Last = '[{"PSTypeNames":1}]' }
        @{ Why = 'a Microsoft date'; Last = '"\/Date(1234567890123)\/"' }
        @{ Why = 'a date Newtonsoft cannot build'; Last = '{"d":"9999-12-31T24:00:00Z"}' }
        @{ Why = 'a lone surrogate escape'; Last = '"\ud800"' }
        @{ Why = 'an integer of more than 300 characters'; Last = '9' * 301 }
        @{ Why = 'a leading zero'; Last = '01' }
        @{ Why = 'NaN'; Last = 'NaN' }
        @{ Why = 'a trailing comma'; Last = '[1,]' }
        @{ Why = 'a comment'; Last = '/*x*/1' }
        @{ Why = 'nesting deeper than MaxDepth'; Last = ('[' * 1000) + (']' * 1000) }
    ) {
        $before = Get-StreamedCount
        $result = 'unset'
        [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse (New-BigArray -Last $Last)), [ref]$result) | Should -BeFalse
        $result | Should -BeNullOrEmpty
        (Get-StreamedCount) - $before | Should -Be 0
    }

    It 'declines a big array with <Why>' -ForEach @(
        @{ Why = 'text after it'; Suffix = ' x' }
        @{ Why = 'a second value after it'; Suffix = '[1]' }
        @{ Why = 'no closing bracket'; Cut = 1 }
    ) {
        $json = New-BigArray
        if ($Cut) { $json = $json.Substring(0, $json.Length - $Cut) } else { $json += $Suffix }
        $result = 'unset'
        [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse $json), [ref]$result) | Should -BeFalse
        $result | Should -BeNullOrEmpty
    }

    It 'declines a big array with invalid UTF-8 in its last element' {
        $bytes = [System.Collections.Generic.List[byte]]::new([System.Text.Encoding]::UTF8.GetBytes((New-BigArray -Last '"x"')))
        $bytes.Insert($bytes.Count - 2, 0xFF)
        $result = 'unset'
        [CippApi.CippJson]::TryConvertFromJsonStreamed((New-CippTestResponse $bytes.ToArray()), [ref]$result) | Should -BeFalse
    }
}

Describe 'Commands write rows as they are built' {
    It 'Get-CIPPLogs hands the first row to the next command when only that row is built' {
        $before = Get-StreamedCount
        $script:firstSeen = $null
        $count = 0
        Get-CIPPLogs -DateFilter $script:Day | ForEach-Object {
            if ($null -eq $script:firstSeen) { $script:firstSeen = (Get-StreamedCount) - $before }
            $count++
        }
        $script:firstSeen | Should -Be 1
        $count | Should -BeGreaterThan 1000
        (Get-StreamedCount) - $before | Should -Be $count
    }

    It 'Get-CIPPLogs | Select-Object -First 1 builds one row of thousands' {
        $before = Get-StreamedCount
        $first = @(Get-CIPPLogs -DateFilter $script:Day | Select-Object -First 1)
        $first.Count | Should -Be 1
        $first[0].DateTime | Should -BeOfType [datetime]
        (Get-StreamedCount) - $before | Should -Be 1
    }

    It '$x = Get-CIPPLogs receives exactly what ConvertFrom-Json gives for the same body' {
        $x = Get-CIPPLogs -DateFilter $script:Day
        $expected = ConvertFrom-Json -InputObject $script:Client.GetLogs($null, $script:Day, $null, $null).Body -NoEnumerate
        $expected.Count | Should -BeGreaterThan 1000
        [CippJsonParity]::Diff($expected, $x, 10) | Should -BeNullOrEmpty
        @($x | Where-Object { $_.LogData -is [object[]] }).Count | Should -BeGreaterThan 10
    }

    It 'Invoke-CIPPRestMethod streams a big list and collects it exactly' {
        $json = New-BigArray -Last '{"n":[[1,2],[]]}', 'null', '[3]'
        Set-StreamBody $json
        $before = Get-StreamedCount
        $script:firstSeen = $null
        Invoke-CIPPRestMethod -Endpoint '/api/ListStreamTest' | ForEach-Object {
            if ($null -eq $script:firstSeen) { $script:firstSeen = (Get-StreamedCount) - $before }
        }
        $script:firstSeen | Should -Be 1
        $rows = Invoke-CIPPRestMethod -Endpoint '/api/ListStreamTest'
        # What Invoke-RestMethod writes for the same body: ConvertFrom-Json's rows, one by one (each in a PSObject).
        $expected = [object[]]@(ConvertFrom-Json $json)
        [CippJsonParity]::Diff($expected, [object[]]$rows, 10) | Should -BeNullOrEmpty
        $rows[-1] -is [psobject] | Should -Be ($expected[-1] -is [psobject]) -Because 'a nested array row is wrapped as Invoke-RestMethod wraps it'
    }

    It 'falls back to ConvertFrom-Json for a big list CippJson declines (exact duplicate names)' {
        $json = New-BigArray -Last '{"a":1,"b":2,"a":3}'
        Set-StreamBody $json
        $before = Get-StreamedCount
        $rows = Invoke-CIPPRestMethod -Endpoint '/api/ListStreamTest'
        (Get-StreamedCount) - $before | Should -Be 0
        [CippJsonParity]::Diff((ConvertFrom-Json $json -NoEnumerate), $rows, 10) | Should -BeNullOrEmpty
        @($rows[-1].PSObject.Properties.Name) | Should -Be @('b', 'a')
    }

    It 'still warns about a failure in a big {"Results": ...} answer (one object, not streamed)' {
        Set-StreamBody ('{"Results":["Failed: the big one",' + (New-BigArray).Substring(1) + '}')
        $all = Invoke-CIPPRestMethod -Endpoint '/api/ListStreamTest' 3>&1
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
        $result = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        @($result).Count | Should -Be 1
        $result.Results[0] | Should -Be 'Failed: the big one'
        $warnings | Should -Contain 'Failed: the big one'
    }

    It 'Invoke-CIPPForEachTenant streams each tenant''s rows, with CIPPTenant, collected exactly' {
        $json = New-BigArray
        Set-StreamBody $json
        $before = Get-StreamedCount
        $script:firstSeen = $null
        $rows = Invoke-CIPPForEachTenant -TenantFilter 'a.onmicrosoft.com', 'b.onmicrosoft.com' -Endpoint '/api/ListStreamTest' -NoProgress |
            ForEach-Object {
                if ($null -eq $script:firstSeen) { $script:firstSeen = (Get-StreamedCount) - $before }
                $_
            }
        $script:firstSeen | Should -Be 1
        foreach ($group in $rows | Group-Object CIPPTenant) {
            $expected = ConvertFrom-Json $json -NoEnumerate
            foreach ($row in $expected) { $row.PSObject.Properties.Add([System.Management.Automation.PSNoteProperty]::new('CIPPTenant', $group.Name)) }
            [CippJsonParity]::Diff($expected, [object[]]$group.Group, 10) | Should -BeNullOrEmpty
        }
        @($rows | Group-Object CIPPTenant).Name | Sort-Object | Should -Be @('a.onmicrosoft.com', 'b.onmicrosoft.com')
    }
}

Describe 'Memory of a streamed list' {
    It 'Get-CIPPLogs | Export-Csv over 50 000 rows peaks within 1.6x the pwsh before the call' -Skip:(-not $IsLinux) {
        # About 88 % of the generated rows have the severities ListLogs returns by default.
        Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 56820 } | Out-Null
        try {
            $script = @'
$ErrorActionPreference = 'Stop'
function Get-PeakRss { foreach ($l in [System.IO.File]::ReadAllLines('/proc/self/status')) { if ($l.StartsWith('VmHWM:')) { return [long]($l -replace '\D', '') * 1KB } } }
Import-Module ([System.IO.Path]::Combine($env:CIPP_TESTS, 'TestHelpers.psm1'))
$null = Import-CippModuleForTest
Set-CIPPAPIDetails -CIPPClientID $env:CIPP_T_ID -CIPPClientSecret $env:CIPP_T_SECRET -CIPPAPIUrl $env:CIPP_T_URL -TenantID $env:CIPP_T_TENANT
$null = Get-CIPPLogs -DateFilter $env:CIPP_T_DAY -Severity Critical
[GC]::Collect()
$reference = Get-PeakRss
$csv = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-stream-$PID.csv")
try {
    Get-CIPPLogs -DateFilter $env:CIPP_T_DAY | Export-Csv -LiteralPath $csv
    $peak = Get-PeakRss
    $rows = -1
    foreach ($line in [System.IO.File]::ReadLines($csv)) { $rows++ }
} finally { Remove-Item -LiteralPath $csv -ErrorAction Ignore }
"RESULT rows=$rows reference=$reference peak=$peak"
'@
            $run = Invoke-CippChildPwsh -Script $script -Environment @{
                CIPP_TESTS = $PSScriptRoot; CIPPAPI_AUTHORITY_HOST = $script:Mock.http; CIPP_T_DAY = $script:Day
                CIPP_T_ID = $script:Mock.client_id; CIPP_T_SECRET = $script:Mock.client_secret; CIPP_T_URL = $script:Mock.http
                CIPP_T_TENANT = $script:Mock.tenant_id
            }
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $line = @($run.StdOut -split "`n" | Where-Object { $_.StartsWith('RESULT') })[-1]
            $line -match '^RESULT rows=(\d+) reference=(\d+) peak=(\d+)' | Should -BeTrue -Because $run.Output
            $rows = [long]$Matches[1]; $reference = [long]$Matches[2]; $peak = [long]$Matches[3]
            $rows | Should -BeGreaterOrEqual 49000
            $peak / $reference | Should -BeLessOrEqual 1.6 -Because "peak $([math]::Round($peak / 1MB)) MB against $([math]::Round($reference / 1MB)) MB before the call"
        } finally {
            Set-CippMockConfig -Mock $script:Mock -Config @{ log_rows_per_day = 3000 } | Out-Null
        }
    }
}
