# Shared by the benchmark scripts: import the module and set the details from the environment
# the runner provides (CIPP_*, CIPPAPI_*).
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
Import-Module (Join-Path $root 'powershell/CIPPAPIModule/CIPPAPIModule.psd1') -Force
Set-CIPPAPIDetails -CIPPClientID $env:CIPP_CLIENT_ID -CIPPClientSecret $env:CIPP_CLIENT_SECRET `
    -CIPPAPIUrl $env:CIPP_API_URL -TenantID $env:CIPP_TENANT_ID

# What the community module does on every call, with the token already cached: build the query
# with HttpUtility, a UriBuilder, serialise the body, then a fresh Invoke-RestMethod. The runner sets
# SSL_CERT_FILE to the mock's CA, so .NET validates the server certificate as it would a real one.
function Invoke-CommunityStyle {
    param([string]$Endpoint, [hashtable]$Params = @{}, [string]$Method = 'GET', [hashtable]$Body = @{})
    $query = [System.Web.HttpUtility]::ParseQueryString([string]::Empty)
    foreach ($k in $Params.Keys) { $query.Add($k, $Params[$k]) }
    $uri = [System.UriBuilder]::new("$($env:CIPP_API_URL)$Endpoint")
    $uri.Query = $query.ToString()
    $json = $Body | ConvertTo-Json -Depth 10
    Invoke-RestMethod -Uri $uri.ToString() -Method $Method -Headers $script:CommunityHeaders `
        -ContentType 'application/json' -Body $json
}

function Initialize-CommunityStyle {
    $form = @{
        client_id     = $env:CIPP_CLIENT_ID
        client_secret = $env:CIPP_CLIENT_SECRET
        scope         = "api://$($env:CIPP_CLIENT_ID)/.default"
        grant_type    = 'client_credentials'
    }
    $token = Invoke-RestMethod -Method POST -Body $form `
        -Uri "$($env:CIPPAPI_AUTHORITY_HOST)/$($env:CIPP_TENANT_ID)/oauth2/v2.0/token"
    $script:CommunityHeaders = @{ Authorization = "Bearer $($token.access_token)" }
}
