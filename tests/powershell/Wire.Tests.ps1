#Requires -Version 7.0
# Requests on the wire: every command is called with representative arguments through the real module and the
# native library against cipp-mock; the recorded request must match tests/fixtures/community-wire.tsv (written
# from the contract): method, path (case as sent), query pairs, JSON body.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $lines = Get-Content (Join-Path $root 'tests/fixtures/community-wire.tsv') | Where-Object { $_ -and -not $_.StartsWith('#') }
    $header = $lines[0] -split "`t"
    $script:WireCases = foreach ($line in $lines | Select-Object -Skip 1) {
        $cells = $line -split "`t"
        $case = @{}
        for ($i = 0; $i -lt $header.Count; $i++) { $case[$header[$i]] = if ($i -lt $cells.Count) { $cells[$i] } else { '' } }
        $case.seq = [int]$case.seq
        $case
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Mock = Start-CippMock
    $env:CIPPAPI_AUTHORITY_HOST = $script:Mock.http
    $null = Import-CippModuleForTest -ErrorAction Stop
    Set-CIPPAPIDetails -CIPPClientID $script:Mock.client_id -CIPPClientSecret $script:Mock.client_secret `
        -CIPPAPIUrl $script:Mock.http -TenantID $script:Mock.tenant_id -SkipVersionCheck
    # Get-CIPPBECCheck waits between polls; no need to wait against the mock.
    & (Get-Module CIPPAPIModule) { $script:CIPPBECCheckPollSeconds = 0 }

    # JSON text → canonical text: properties sorted (ordinal, so key case counts), compact, dates kept as text.
    function script:Format-CanonicalJson($Value) {
        if ($null -eq $Value) { return 'null' }
        if ($Value -is [bool]) { return $Value.ToString().ToLowerInvariant() }
        if ($Value -is [string]) { return ConvertTo-Json -InputObject $Value -Compress }
        if ($Value -is [ValueType]) { return [System.Convert]::ToString($Value, [cultureinfo]::InvariantCulture) }
        if ($Value -is [System.Collections.IList]) { return '[' + (@($Value | ForEach-Object { Format-CanonicalJson $_ }) -join ',') + ']' }
        $props = @($Value.PSObject.Properties | Sort-Object -Property Name -CaseSensitive)
        '{' + (@($props | ForEach-Object { (ConvertTo-Json -InputObject $_.Name -Compress) + ':' + (Format-CanonicalJson $_.Value) }) -join ',') + '}'
    }
    function script:ConvertTo-CanonicalJson([string]$Text) {
        if ([string]::IsNullOrWhiteSpace($Text)) { return '' }
        Format-CanonicalJson (ConvertFrom-Json -InputObject $Text -NoEnumerate -DateKind String)
    }
    function script:Format-QueryPairs($Pairs) {
        $text = foreach ($pair in $Pairs) { "$($pair[0])=$($pair[1])" }
        (@($text) | Sort-Object -CaseSensitive) -join "`n"
    }
}

AfterAll {
    Remove-Module CIPPAPIModule -Force -ErrorAction SilentlyContinue
    if ($script:Mock) { Stop-CippMock $script:Mock }
    Remove-Item Env:\CIPPAPI_AUTHORITY_HOST -ErrorAction SilentlyContinue
}

Describe 'Wire: <command> <arguments> (request <seq>)' -ForEach $WireCases {
    It 'sends <method> <path> with the contract query and body' {
        Clear-CippMockRequest -Mock $script:Mock
        $MockUrl = $script:Mock.http
        $call = [scriptblock]::Create("$command $arguments")
        $failure = $null
        try { $null = & $call } catch { $failure = $_ }
        $recorded = @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' })
        if ($recorded.Count -le $seq) {
            throw "request $seq not sent ($($recorded.Count) recorded); call failed with: $failure"
        }
        $request = $recorded[$seq]
        $request.method | Should -BeExactly $method
        $request.path | Should -BeExactly $path
        $expectedPairs = [System.Collections.Generic.List[object]]::new()
        if ($query) { foreach ($pair in $query -split '&') { $expectedPairs.Add(($pair -split '=', 2)) } }
        Format-QueryPairs $request.query | Should -BeExactly (Format-QueryPairs $expectedPairs)
        ConvertTo-CanonicalJson $request.body | Should -BeExactly (ConvertTo-CanonicalJson $body)
    }
}

Describe 'Default parameter sets of 1.2.12' {
    # An argument list that fits several parameter sets resolves to the DefaultParameterSetName, as in 1.2.12:
    # -UserPrincipalName with one size fits SendOnly_UPN/ReceiveOnly_UPN and Both_UPN, and the default Both_UPN
    # needs both sizes. Without the default, PowerShell would pick ReceiveOnly_UPN and send a request.
    It 'Set-CIPPMailboxEmailSize -UserPrincipalName with only -MaxReceiveSize asks for -MaxSendSize and sends nothing' {
        Clear-CippMockRequest -Mock $script:Mock
        $failure = $null
        try {
            Set-CIPPMailboxEmailSize -CustomerTenantID 'contoso.onmicrosoft.com' -UserPrincipalName 'u@contoso.com' -MaxReceiveSize 7
        } catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'MissingMandatoryParameter*'
        "$failure" | Should -Match 'MaxSendSize'
        @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' }).Count | Should -Be 0
    }
}

Describe '1.2.13 -UseReportDB' {
    It 'Get-CIPPMailboxPermissions and Get-CIPPCalendarPerms refuse -UserID with -UseReportDB and send nothing' {
        foreach ($command in 'Get-CIPPMailboxPermissions', 'Get-CIPPCalendarPerms') {
            Clear-CippMockRequest -Mock $script:Mock
            { & $command -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'u@contoso.com' -UseReportDB } |
                Should -Throw -ErrorId 'AmbiguousParameterSet*'
            @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' }).Count | Should -Be 0
        }
    }
}

Describe 'Tenants from the pipeline' {
    BeforeAll {
        function script:Get-SentTenantFilter([string]$Path) {
            @(Get-CippMockRequest -Mock $script:Mock | Where-Object path -EQ $Path | ForEach-Object {
                    ($_.query | Where-Object { $_[0] -eq 'tenantFilter' } | ForEach-Object { $_[1] })
                })
        }
    }

    It 'two piped tenant objects make two requests, each with its tenant (defaultDomainName)' {
        Clear-CippMockRequest -Mock $script:Mock
        $tenants = @(
            [pscustomobject]@{ displayName = 'Contoso'; defaultDomainName = 'contoso.onmicrosoft.com'; customerId = '11111111-1111-1111-1111-111111111111' }
            [pscustomobject]@{ displayName = 'Fabrikam'; defaultDomainName = 'fabrikam.onmicrosoft.com'; customerId = '22222222-2222-2222-2222-222222222222' }
        )
        $null = $tenants | Get-CIPPUsers
        Get-SentTenantFilter '/api/Listusers' | Should -Be @('contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com')
    }

    It 'binds customerId when the object has no defaultDomainName, and CustomerTenantID by its own name' {
        Clear-CippMockRequest -Mock $script:Mock
        $null = [pscustomobject]@{ customerId = '33333333-3333-3333-3333-333333333333' }, [pscustomobject]@{ CustomerTenantID = 'x.onmicrosoft.com' } | Get-CIPPMailboxes
        Get-SentTenantFilter '/api/ListMailboxes' | Should -Be @('33333333-3333-3333-3333-333333333333', 'x.onmicrosoft.com')
    }

    It 'Get-CIPPTenants | Get-CIPPUsers asks for nothing and calls ListUsers once per tenant' {
        Clear-CippMockRequest -Mock $script:Mock
        $tenants = @(Get-CIPPTenants)
        $tenants.Count | Should -BeGreaterThan 1
        Clear-CippMockRequest -Mock $script:Mock
        $null = Get-CIPPTenants | Get-CIPPUsers
        Get-SentTenantFilter '/api/Listusers' | Should -Be @($tenants.defaultDomainName)
    }

    It 'a [guid] tenant parameter takes customerId (Get-CIPPDefenderState)' {
        Clear-CippMockRequest -Mock $script:Mock
        $null = [pscustomobject]@{ defaultDomainName = 'contoso.onmicrosoft.com'; customerId = '44444444-4444-4444-4444-444444444444' } | Get-CIPPDefenderState
        @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' }).Count | Should -Be 1
        (Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' }).query | Where-Object { $_[1] -eq '44444444-4444-4444-4444-444444444444' } | Should -Not -BeNullOrEmpty
    }

    It 'a changing command runs once per piped tenant under -WhatIf and sends nothing' {
        Clear-CippMockRequest -Mock $script:Mock
        $out = [pscustomobject]@{ defaultDomainName = 'a.onmicrosoft.com' }, [pscustomobject]@{ defaultDomainName = 'b.onmicrosoft.com' } |
            Set-CIPPSignInStatus -UserID 'u@contoso.com' -Enable 'true' -WhatIf 6>&1 | Out-String
        $out | Should -Match 'a\.onmicrosoft\.com'
        $out | Should -Match 'b\.onmicrosoft\.com'
        @(Get-CippMockRequest -Mock $script:Mock | Where-Object { $_.path -notlike '*/oauth2/v2.0/token' }).Count | Should -Be 0
    }
}
