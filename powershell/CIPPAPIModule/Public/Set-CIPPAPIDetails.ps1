function Set-CIPPAPIDetails {
    <#
    .SYNOPSIS
    Stores the CIPP API connection details that every other command of the module uses.

    .DESCRIPTION
    Set-CIPPAPIDetails checks the connection details and prepares a client for them; nothing is sent over the
    network until the first request. Run it once per PowerShell session, and once in every runspace that imports
    the module (for example inside ForEach-Object -Parallel), because each module instance keeps its own details.

    The first request authenticates with the Microsoft Entra client-credentials flow (scope
    api://<client id>/.default) and the token is reused until shortly before it expires. Calling
    Set-CIPPAPIDetails again replaces the details: later requests use the new ones and never a token issued for
    the old ones.

    The URL must use https://; plain http:// is accepted only for the local machine (localhost, 127.0.0.1, ::1).
    An invalid URL or identifier stops the command with an error that names the problem.

    Optional settings can also come from environment variables: CIPPAPI_AUTHORITY_HOST (the Entra authority for
    sovereign clouds or tests), CIPPAPI_CA_FILE (a PEM file of extra trusted certificate authorities) and
    CIPPAPI_TIMEOUT_SECS (seconds before a request is abandoned). The matching parameters take precedence.

    .PARAMETER CIPPClientID
    The application (client) ID of the CIPP-API integration app registration.

    .PARAMETER CIPPClientSecret
    A client secret of that app registration. It is kept in memory only and never written to any output.

    .PARAMETER CIPPAPIUrl
    The base URL of the CIPP API, normally the Azure Function App URL such as https://cippxxxxx.azurewebsites.net.
    A trailing slash is accepted.

    .PARAMETER TenantID
    The Microsoft Entra tenant ID (or primary domain) of the tenant that hosts CIPP and the app registration.

    .PARAMETER SkipVersionCheck
    Accepted for compatibility with scripts written for the community module. No update check is made, with or
    without this switch.

    .PARAMETER AuthorityHost
    The Microsoft Entra authority to request tokens from, for example https://login.microsoftonline.us for US
    Government clouds. Defaults to CIPPAPI_AUTHORITY_HOST, else https://login.microsoftonline.com.

    .PARAMETER CACertificatePath
    A PEM file with extra certificate authorities to trust for HTTPS, for inspecting proxies or private CAs.
    Defaults to CIPPAPI_CA_FILE.

    .PARAMETER TimeoutSeconds
    Seconds after which a request is abandoned with a timeout error. Defaults to CIPPAPI_TIMEOUT_SECS, else a
    limit above the CIPP server's own cut-off.

    .EXAMPLE
    Set-CIPPAPIDetails -CIPPClientID $ClientId -CIPPClientSecret $Secret -CIPPAPIUrl 'https://cippabcde.azurewebsites.net' -TenantID 'contoso.onmicrosoft.com'

    Prepares the module to call the CIPP instance; the next command such as Get-CIPPTenants authenticates.

    .EXAMPLE
    1..5 | ForEach-Object -Parallel {
        Import-Module CIPPAPIModule
        Set-CIPPAPIDetails -CIPPClientID $using:ClientId -CIPPClientSecret $using:Secret -CIPPAPIUrl $using:Url -TenantID $using:TenantId
        Get-CIPPLogs -DateFilter (Get-Date).AddDays(-$_).ToString('yyyyMMdd')
    }

    Each parallel runspace imports the module and sets its own details before calling the API.

    .OUTPUTS
    None.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$CIPPClientID,

        [Parameter(Mandatory = $true)]
        [string]$CIPPClientSecret,

        [Parameter(Mandatory = $true)]
        [string]$CIPPAPIUrl,

        [Parameter(Mandatory = $true)]
        [string]$TenantID,

        [switch]$SkipVersionCheck,

        [string]$AuthorityHost,

        [string]$CACertificatePath,

        [ValidateRange(1, 86400)]
        [int]$TimeoutSeconds
    )

    Write-Verbose 'Setting CIPP API Keys'

    $settings = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    $add = { param($name, $value) $settings.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($name, $value)) }
    if ($PSBoundParameters.ContainsKey('AuthorityHost')) { & $add 'authority_host' $AuthorityHost }
    if ($PSBoundParameters.ContainsKey('CACertificatePath')) {
        $caPath = if ($CACertificatePath) { $PSCmdlet.GetUnresolvedProviderPathFromPSPath($CACertificatePath) } else { '' }
        & $add 'ca_file' $caPath
    }
    if ($PSBoundParameters.ContainsKey('TimeoutSeconds')) { & $add 'timeout_secs' ([string]$TimeoutSeconds) }

    try {
        $client = [CippApi.CippClient]::new($CIPPClientID, $CIPPClientSecret, $CIPPAPIUrl, $TenantID, $settings)
    } catch [System.Management.Automation.MethodInvocationException] {
        $PSCmdlet.ThrowTerminatingError((New-CIPPNativeErrorRecord -Exception $_.Exception -Activity 'Set-CIPPAPIDetails'))
    }

    $old = $script:CIPPClient
    $script:CIPPClient = $client
    if ($old) { $old.Dispose() }

    # Non-secret details, kept under the community module's names for scripts that read module state.
    $script:CIPPClientID = $CIPPClientID
    $script:CIPPAPIUrl = $CIPPAPIUrl
    $script:TenantID = $TenantID
}
