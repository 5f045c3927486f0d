# The demo, a day-one report: the tenants, the users, MFA state and devices of every tenant (fanned out
# with Invoke-CIPPForEachTenant), a CSV of all users and a summary per tenant, then today's CIPP logs.
# Reads CIPP_CLIENT_ID, CIPP_CLIENT_SECRET, CIPP_API_URL, CIPP_TENANT_ID (see scripts/demo.sh).
# CIPP_DEMO_OUT sets the output folder (default target/demo).
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1') -Force

Set-CIPPAPIDetails -CIPPClientID $env:CIPP_CLIENT_ID -CIPPClientSecret $env:CIPP_CLIENT_SECRET `
    -CIPPAPIUrl $env:CIPP_API_URL -TenantID $env:CIPP_TENANT_ID

$out = if ($env:CIPP_DEMO_OUT) { $env:CIPP_DEMO_OUT } else { Join-Path $root 'target/demo' }
$null = New-Item -ItemType Directory -Force -Path $out
$total = [Diagnostics.Stopwatch]::StartNew()

# Tenants (CIPP lists only those it can manage; skip error rows and the AllTenants entry).
$watch = [Diagnostics.Stopwatch]::StartNew()
$tenants = @(Get-CIPPTenants | Where-Object { $_.defaultDomainName -and $_.defaultDomainName -ne 'AllTenants' })
Write-Host ("Get-CIPPTenants: {0} tenants in {1} ms" -f $tenants.Count, $watch.ElapsedMilliseconds)

# One fan-out per question; a tenant that fails writes an error and the others carry on.
function Get-ForEveryTenant([string] $Endpoint) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $failed = $null
    $rows = @($tenants | Invoke-CIPPForEachTenant -Endpoint $Endpoint -NoProgress -ErrorAction SilentlyContinue -ErrorVariable failed)
    Write-Host ("Invoke-CIPPForEachTenant {0}: {1} rows from {2} tenants in {3} ms" -f $Endpoint, $rows.Count, $tenants.Count, $watch.ElapsedMilliseconds)
    foreach ($f in @($failed)) { Write-Warning ("{0}: {1}" -f $f.TargetObject, $f.ErrorDetails.Message) }
    , $rows
}
$users = Get-ForEveryTenant '/api/ListUsers'
$mfa = Get-ForEveryTenant '/api/ListMFAUsers'
$devices = Get-ForEveryTenant '/api/ListDevices'

# MFA state by tenant and UPN. A real CIPP without MFACapable reports MFARegistration only.
$mfaByUser = @{}
foreach ($m in $mfa) {
    if ($m.UPN) { $mfaByUser["$($m.CIPPTenant)|$($m.UPN)".ToLowerInvariant()] = $m }
}
function Test-MfaCapable($m) {
    if ($null -eq $m) { return $false }
    if ($null -ne $m.MFACapable) { return [bool]$m.MFACapable }
    [bool]$m.MFARegistration
}

$report = foreach ($u in $users) {
    $m = $mfaByUser["$($u.CIPPTenant)|$($u.userPrincipalName)".ToLowerInvariant()]
    [pscustomobject][ordered]@{
        Tenant            = $u.CIPPTenant
        UserPrincipalName = $u.userPrincipalName
        DisplayName       = $u.displayName
        UserType          = $u.userType
        Enabled           = [bool]$u.accountEnabled
        Licensed          = @($u.assignedLicenses).Count -gt 0
        Licenses          = $u.LicJoined
        MFACapable        = Test-MfaCapable $m
        CoveredByCA       = if ($m) { $m.CoveredByCA } else { '' }
        IsAdmin           = if ($m) { [bool]$m.IsAdmin } else { $false }
    }
}
$report = @($report)
$csv = Join-Path $out 'users.csv'
$report | Export-Csv -Path $csv -NoTypeInformation -Encoding utf8

$summary = foreach ($t in $tenants) {
    $mine = @($report | Where-Object Tenant -EQ $t.defaultDomainName)
    $enabled = @($mine | Where-Object Enabled)
    $dev = @($devices | Where-Object CIPPTenant -EQ $t.defaultDomainName)
    [pscustomobject][ordered]@{
        Tenant          = $t.defaultDomainName
        Users           = $mine.Count
        Enabled         = $enabled.Count
        Licensed        = @($mine | Where-Object Licensed).Count
        DisabledLicensed = @($mine | Where-Object { -not $_.Enabled -and $_.Licensed }).Count
        MFACapable      = @($enabled | Where-Object MFACapable).Count
        EnabledNoMFA    = @($enabled | Where-Object { -not $_.MFACapable }).Count
        Admins          = @($mine | Where-Object IsAdmin).Count
        Devices         = $dev.Count
        NonCompliant    = @($dev | Where-Object complianceState -EQ 'noncompliant').Count
    }
}
$summary = @($summary)
$summary | Export-Csv -Path (Join-Path $out 'summary.csv') -NoTypeInformation -Encoding utf8
$total.Stop()

Write-Host ''
Write-Host ("Day-one report: {0} tenants, {1} users, {2} devices in {3:N0} ms (CSV: {4})" -f `
        $tenants.Count, $report.Count, $devices.Count, $total.Elapsed.TotalMilliseconds, $csv)
$summary | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

# Today's CIPP logs.
$watch = [Diagnostics.Stopwatch]::StartNew()
$logs = @(Get-CIPPLogs)
Write-Host ("Get-CIPPLogs: {0} entries for today in {1} ms; {2} errors" -f $logs.Count, $watch.ElapsedMilliseconds, @(Get-CIPPLogs -Severity error).Count)
$logs | Select-Object -First 5 DateTime, Severity, Tenant, API, Message | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
