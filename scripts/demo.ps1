# The demo: import the module, set the API details, read today's CIPP logs and the tenants.
# Reads CIPP_CLIENT_ID, CIPP_CLIENT_SECRET, CIPP_API_URL, CIPP_TENANT_ID (see scripts/demo.sh).
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1') -Force

Set-CIPPAPIDetails -CIPPClientID $env:CIPP_CLIENT_ID -CIPPClientSecret $env:CIPP_CLIENT_SECRET `
    -CIPPAPIUrl $env:CIPP_API_URL -TenantID $env:CIPP_TENANT_ID

$watch = [Diagnostics.Stopwatch]::StartNew()
$logs = @(Get-CIPPLogs)
Write-Host ("Get-CIPPLogs: {0} entries for today in {1} ms" -f $logs.Count, $watch.ElapsedMilliseconds)
$logs | Select-Object -First 10 DateTime, Severity, Tenant, API, Message | Format-Table -AutoSize | Out-Host

$errors = @(Get-CIPPLogs -Severity error)
Write-Host ("Get-CIPPLogs -Severity error: {0} entries" -f $errors.Count)

$tenants = @(Invoke-CIPPRestMethod -Endpoint '/api/ListTenants')
Write-Host ("Invoke-CIPPRestMethod /api/ListTenants: {0} tenants" -f $tenants.Count)
$tenants | Select-Object -First 5 displayName, defaultDomainName | Format-Table -AutoSize | Out-Host
