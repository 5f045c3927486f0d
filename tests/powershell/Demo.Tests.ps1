#Requires -Version 7.0
# Pester 5 tests of the demo (scripts/demo.ps1) against the cipp-mock server: the day-one report's CSV files and
# summary agree with what the mock answers, every tenant is asked once per question, and the output names the
# time it took.
#
# Run: pwsh -NoProfile -Command "Invoke-Pester -Path tests/powershell/Demo.Tests.ps1 -Output Detailed"

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $script:Root = Get-CippRepoRoot
    $script:Mock = Start-CippMock
    $script:Out = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "cipp-demo-$([guid]::NewGuid().ToString('N'))")
    $demo = [System.IO.Path]::Combine($script:Root, 'scripts', 'demo.ps1')
    $script:Run = Invoke-CippChildPwsh -Script "& '$demo'" -Environment @{
        CIPP_CLIENT_ID         = $script:Mock.client_id
        CIPP_CLIENT_SECRET     = $script:Mock.client_secret
        CIPP_API_URL           = $script:Mock.https
        CIPP_TENANT_ID         = $script:Mock.tenant_id
        CIPPAPI_AUTHORITY_HOST = $script:Mock.https
        CIPPAPI_CA_FILE        = $script:Mock.ca_file
        CIPPAPI_NATIVE_PATH    = Get-CippNativeLibraryPath
        CIPPAPI_CACHE_DIR      = [System.IO.Path]::Combine($script:Root, 'target', 'pwsh-binding-cache')
        CIPP_DEMO_OUT          = $script:Out
    }
    # The requests the demo sent, before the comparisons below add their own.
    $script:Recorded = @(Get-CippMockRequest -Mock $script:Mock)
    # What the mock itself answers, for comparison.
    $token = Invoke-RestMethod -NoProxy -Method Post -Uri "$($script:Mock.http)/$($script:Mock.tenant_id)/oauth2/v2.0/token" -Body @{
        grant_type = 'client_credentials'; client_id = $script:Mock.client_id; client_secret = $script:Mock.client_secret
        scope = "api://$($script:Mock.client_id)/.default"
    }
    $headers = @{ Authorization = "Bearer $($token.access_token)" }
    function script:Get-MockList([string]$Endpoint, [string]$Tenant) {
        @(Invoke-RestMethod -NoProxy -Headers $headers -Uri "$($script:Mock.http)/api/$($Endpoint)?tenantFilter=$Tenant")
    }
    $script:Tenants = @(Invoke-RestMethod -NoProxy -Headers $headers -Uri "$($script:Mock.http)/api/ListTenants").defaultDomainName
}

AfterAll {
    if ($script:Mock) { Stop-CippMock -Mock $script:Mock }
    if ($script:Out) { Remove-Item -LiteralPath $script:Out -Recurse -Force -ErrorAction Ignore }
}

Describe 'scripts/demo.ps1 against the mock' {
    It 'runs to the end without errors or warnings' {
        $script:Run.ExitCode | Should -Be 0 -Because $script:Run.Output
        $script:Run.StdErr | Should -BeNullOrEmpty
        $script:Run.Output | Should -Not -Match 'WARNING'
    }

    It 'writes users.csv with every user of every tenant, joined with their MFA state' {
        $rows = @(Import-Csv -LiteralPath ([System.IO.Path]::Combine($script:Out, 'users.csv')))
        $expected = 0
        foreach ($t in $script:Tenants) {
            $users = Get-MockList 'ListUsers' $t
            $mfa = Get-MockList 'ListMFAUsers' $t
            $mine = @($rows | Where-Object Tenant -EQ $t)
            $mine.Count | Should -Be $users.Count -Because $t
            @($mine | Where-Object MFACapable -EQ 'True').Count | Should -Be @($mfa | Where-Object MFACapable).Count -Because $t
            @($mine | Where-Object Enabled -EQ 'True').Count | Should -Be @($users | Where-Object accountEnabled).Count -Because $t
            $expected += $users.Count
        }
        $rows.Count | Should -Be $expected
        $rows.Count | Should -BeGreaterThan 50
        $rows[0].PSObject.Properties.Name | Should -Be @('Tenant', 'UserPrincipalName', 'DisplayName', 'UserType', 'Enabled', 'Licensed', 'Licenses', 'MFACapable', 'CoveredByCA', 'IsAdmin')
    }

    It 'writes summary.csv with one row per tenant that matches the mock''s data' {
        $summary = @(Import-Csv -LiteralPath ([System.IO.Path]::Combine($script:Out, 'summary.csv')))
        @($summary.Tenant) | Should -Be @($script:Tenants)
        foreach ($s in $summary) {
            $users = Get-MockList 'ListUsers' $s.Tenant
            $devices = Get-MockList 'ListDevices' $s.Tenant
            [int]$s.Users | Should -Be $users.Count
            [int]$s.Licensed | Should -Be @($users | Where-Object { @($_.assignedLicenses).Count -gt 0 }).Count
            [int]$s.Devices | Should -Be $devices.Count
            [int]$s.NonCompliant | Should -Be @($devices | Where-Object complianceState -EQ 'noncompliant').Count
            [int]$s.MFACapable + [int]$s.EnabledNoMFA | Should -Be ([int]$s.Enabled)
        }
    }

    It 'fans out: each tenant is asked once per endpoint' {
        foreach ($endpoint in 'ListUsers', 'ListMFAUsers', 'ListDevices') {
            $asked = @($script:Recorded | Where-Object path -EQ "/api/$endpoint" | ForEach-Object {
                    foreach ($pair in $_.query) { if ($pair[0] -eq 'tenantFilter') { $pair[1] } }
                })
            @($asked | Sort-Object) | Should -Be @($script:Tenants | Sort-Object) -Because $endpoint
        }
    }

    It 'prints the summary table with the time it took' {
        $script:Run.StdOut | Should -Match "Day-one report: $($script:Tenants.Count) tenants, \d+ users, \d+ devices in [\d,]+ ms"
        $script:Run.StdOut | Should -Match 'Tenant\s+Users\s+Enabled\s+Licensed'
        foreach ($t in $script:Tenants) { $script:Run.StdOut | Should -Match ([regex]::Escape($t)) }
        $script:Run.StdOut | Should -Match 'Get-CIPPLogs: \d+ entries for today'
    }
}
