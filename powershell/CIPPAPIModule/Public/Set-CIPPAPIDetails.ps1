function Set-CIPPAPIDetails {
    <#
    .SYNOPSIS
    Stores the CIPP API connection details that every other command of the module uses.

    .DESCRIPTION
    Set-CIPPAPIDetails checks the connection details and prepares a client for them; nothing is sent over the
    network until the first request. Run it once per PowerShell process: other runspaces of the process (for
    example ForEach-Object -Parallel or Start-ThreadJob) and a re-import (Import-Module -Force) use the session's
    details when they have none of their own. A runspace that runs Set-CIPPAPIDetails itself keeps its own details,
    and they stay in that runspace: it cannot change the session's read-only mode, allow-list or secret.

    The first request authenticates with the Microsoft Entra client-credentials flow (scope
    api://<client id>/.default) and the token is reused until shortly before it expires. Calling
    Set-CIPPAPIDetails again replaces the details: later requests use the new ones and never a token issued for
    the old ones.

    The URL must use https://; plain http:// is accepted only for the local machine (localhost, 127.0.0.1, ::1).
    An invalid URL or identifier stops the command with an error that names the problem.

    Optional settings can also come from environment variables: CIPPAPI_AUTHORITY_HOST (the Entra authority for
    sovereign clouds or tests), CIPPAPI_CA_FILE (a PEM file of extra trusted certificate authorities) and
    CIPPAPI_TIMEOUT_SECS (seconds before a request is abandoned), CIPPAPI_READ_ONLY and CIPPAPI_ALLOWED_ENDPOINTS
    (read-only mode and the endpoint allow-list). The matching parameters take precedence.

    .PARAMETER CIPPClientID
    The application (client) ID of the CIPP-API integration app registration.

    .PARAMETER CIPPClientSecret
    A client secret of that app registration. It is kept in memory only and never written to any output.
    To keep the secret out of plain strings, pass it as a SecureString with -CIPPClientSecureSecret instead.

    .PARAMETER CIPPClientSecureSecret
    The client secret as a SecureString (for example from Get-Secret or Read-Host -AsSecureString), instead of
    -CIPPClientSecret. It is handed to the native library through buffers that are zeroed right after use; no
    plain .NET string of it is created. Added by this module (not in 1.2.12).

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

    .PARAMETER ReadOnly
    Read-only mode: every call the endpoint catalog does not classify as a read (its CIPP role does not end in
    .Read; unknown endpoints unless their name starts with List or Get) stops with an error naming the endpoint,
    before anything is sent. Defaults to the CIPPAPI_READ_ONLY environment variable (1 or true).

    .PARAMETER AllowedEndpoint
    Endpoint allow-list, for example 'ListUsers', 'ListTenants': calls to any other endpoint stop with an error
    naming it, before anything is sent (names compare case-insensitively). Defaults to CIPPAPI_ALLOWED_ENDPOINTS
    (comma-separated).

    .PARAMETER StrictParameters
    Refuse calls whose parameters do not match the endpoint catalog (a required parameter missing, a name the
    endpoint does not read) instead of sending them with a warning.

    .EXAMPLE
    Set-CIPPAPIDetails -CIPPClientID $ClientId -CIPPClientSecureSecret (Get-Secret CIPP) -CIPPAPIUrl $Url -TenantID $TenantId -ReadOnly

    Uses a secret from a SecretManagement vault and allows only reads: Get-CIPPUsers works, Remove-CIPPUser stops
    with an error and sends nothing.

    .EXAMPLE
    Set-CIPPAPIDetails -CIPPClientID $ClientId -CIPPClientSecret $Secret -CIPPAPIUrl 'https://cippabcde.azurewebsites.net' -TenantID 'contoso.onmicrosoft.com'

    Prepares the module to call the CIPP instance; the next command such as Get-CIPPTenants authenticates.

    .EXAMPLE
    1..5 | ForEach-Object -Parallel {
        Import-Module CIPPAPIModule
        Set-CIPPAPIDetails -CIPPClientID $using:ClientId -CIPPClientSecret $using:Secret -CIPPAPIUrl $using:Url -TenantID $using:TenantId
        Get-CIPPLogs -DateFilter (Get-Date).AddDays(-$_).ToString('yyyyMMdd')
    }

    Each parallel runspace imports the module and sets details of its own before calling the API, as 1.2.12 needs.
    Here it is optional (a runspace without details of its own uses the session's), and details set in a parallel
    runspace apply to that runspace only.

    .OUTPUTS
    None.
    #>
    [CmdletBinding(DefaultParameterSetName = 'ClientSecret')]
    param(
        # Explicit positions 0-3: the same as 1.2.12's automatic ones (parameter sets turn automatic positions off).
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$CIPPClientID,

        [Parameter(Mandatory = $true, ParameterSetName = 'ClientSecret', Position = 1)]
        [string]$CIPPClientSecret,

        [Parameter(Mandatory = $true, Position = 2)]
        [string]$CIPPAPIUrl,

        [Parameter(Mandatory = $true, Position = 3)]
        [string]$TenantID,

        [switch]$SkipVersionCheck,

        [string]$AuthorityHost,

        [string]$CACertificatePath,

        [ValidateRange(1, 86400)]
        [int]$TimeoutSeconds,

        [switch]$ReadOnly,

        [string[]]$AllowedEndpoint,

        [switch]$StrictParameters,

        [Parameter(Mandatory = $true, ParameterSetName = 'SecureSecret', Position = 1)]
        [securestring]$CIPPClientSecureSecret
    )

    Write-Verbose 'Setting CIPP API Keys'
    if ($PSCmdlet.ParameterSetName -eq 'ClientSecret' -and $CIPPClientSecret -ceq 'System.Security.SecureString') {
        # A SecureString given to the [string] parameter by name arrives as its type name, never as the secret.
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('-CIPPClientSecret received a SecureString, which a [string] parameter turns into the text ''System.Security.SecureString''. Pass a SecureString with -CIPPClientSecureSecret (or by position) instead.', 'CIPPClientSecret'),
                'CIPPAPI.SecureStringAsString', [System.Management.Automation.ErrorCategory]::InvalidArgument, $null))
    }

    $settings = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    $add = { param($name, $value) $settings.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($name, $value)) }
    # Native messages then name this module's parameters and commands (-TimeoutSeconds, Get-CIPPLogs, ...).
    & $add 'binding' 'powershell'
    if ($PSBoundParameters.ContainsKey('AuthorityHost')) { & $add 'authority_host' $AuthorityHost }
    if ($PSBoundParameters.ContainsKey('CACertificatePath')) {
        $caPath = if ($CACertificatePath) { $PSCmdlet.GetUnresolvedProviderPathFromPSPath($CACertificatePath) } else { '' }
        & $add 'ca_file' $caPath
    }
    if ($PSBoundParameters.ContainsKey('TimeoutSeconds')) { & $add 'timeout_secs' ([string]$TimeoutSeconds) }
    if ($PSBoundParameters.ContainsKey('ReadOnly')) { & $add 'read_only' ([string][bool]$ReadOnly).ToLowerInvariant() }
    if ($PSBoundParameters.ContainsKey('AllowedEndpoint')) {
        $names = @($AllowedEndpoint | ForEach-Object { if ($_) { Get-CIPPEndpointName -Endpoint $_.Trim() } } | Where-Object { $_ })
        & $add 'allowed_endpoints' ($names -join ',')
    }
    if ($PSBoundParameters.ContainsKey('StrictParameters')) { & $add 'strict_parameters' ([string][bool]$StrictParameters).ToLowerInvariant() }

    try {
        $client = if ($PSCmdlet.ParameterSetName -eq 'SecureSecret') {
            [CippApi.CippClient]::new($CIPPClientID, $CIPPClientSecureSecret, $CIPPAPIUrl, $TenantID, $settings)
        } else {
            [CippApi.CippClient]::new($CIPPClientID, $CIPPClientSecret, $CIPPAPIUrl, $TenantID, $settings)
        }
    } catch [System.Management.Automation.MethodInvocationException] {
        $PSCmdlet.ThrowTerminatingError((New-CIPPNativeErrorRecord -Exception $_.Exception -Activity 'Set-CIPPAPIDetails'))
    }

    $old = $script:CIPPClient
    $script:CIPPClient = $client
    # Process-wide too, unless another open runspace owns that slot: runspaces without details of their own and a
    # re-import use it (Get-CIPPClientInstance). The non-secret details go with it, so that a re-import restores them.
    if (-not (Publish-CIPPSharedClient -Client $client -Details @($CIPPClientID, $CIPPAPIUrl, $TenantID))) {
        $note = 'CIPPAPIModule: these details apply to this runspace only; the process-wide details (used by ' +
            'runspaces without details of their own) belong to the runspace that set them first while it is open.'
        # A restriction that other runspaces would not get is worth more than a verbose line.
        if ($ReadOnly -or $PSBoundParameters.ContainsKey('AllowedEndpoint')) {
            Write-Warning ($note + ' Runspaces without details of their own are not restricted by this -ReadOnly or ' +
                '-AllowedEndpoint: give them their own Set-CIPPAPIDetails, or set the details here before starting them.')
        } else {
            Write-Verbose $note
        }
    }
    if ($old -and -not [object]::ReferenceEquals($old, [System.AppDomain]::CurrentDomain.GetData($script:CIPPSharedClientSlot))) {
        $old.Dispose()
    }

    # Non-secret details, kept under the community module's names for scripts that read module state.
    $script:CIPPClientID = $CIPPClientID
    $script:CIPPAPIUrl = $CIPPAPIUrl
    $script:TenantID = $TenantID
}
