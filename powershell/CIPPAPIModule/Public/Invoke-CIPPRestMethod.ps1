function Invoke-CIPPRestMethod {
    <#
    .SYNOPSIS
    Sends a request to any CIPP API endpoint and returns the answer as PowerShell objects.

    .DESCRIPTION
    Invoke-CIPPRestMethod is the generic entry point that every other command of the module uses, and it can be
    called directly for endpoints that have no dedicated command. It authenticates with the details stored by
    Set-CIPPAPIDetails (requesting or reusing a token as needed), adds -Params as the query string, sends -Body as
    JSON and converts the answer.

    Requests: the query string is built from -Params in the hashtable's own order; values are converted to text
    the way PowerShell does ($true becomes True, arrays are joined with spaces) and empty or $null values are
    still sent as "key=". A query string written into -Endpoint is not used (a warning says so). The
    body is -Body converted with ConvertTo-Json -Depth 10 (an object, or an array for an array of objects) and is
    sent with every request, GET included ({} when -Body is empty).

    Answers: a JSON answer becomes PSCustomObjects, with ISO 8601 date strings converted to DateTime; an array is
    written to the pipeline one element at a time, so an empty array writes nothing. Any other answer is returned
    as a string.

    Errors: without Set-CIPPAPIDetails the command stops the script with an error you can catch with try/catch.
    An HTTP error status raises the same error Invoke-RestMethod raises: $_.Exception.Response.StatusCode holds
    the status and $_.ErrorDetails.Message the body. Connection, timeout and sign-in failures raise a
    CippApi.CippException whose Status names the kind of failure and whose message says how to fix it.

    This is a simple function, like the community module's: unknown arguments are ignored, and common parameters
    such as -Verbose or -WarningAction have no effect when passed directly (Get-Help lists them anyway): set
    $VerbosePreference or $WarningPreference, or redirect a stream (3>$null drops this call's warnings).

    Diagnostics: retries and token refreshes appear in the verbose stream; where the call's parameters differ
    from the endpoint catalog (a required parameter missing, a name the endpoint does not read; for calls made by
    the module's own commands, which keep the 1.2.12 requests, these go to the verbose stream), and when CIPP answers 200 but reports a failure in Results ("Failed ...", or items
    with state "error"), a warning is written and the answer is still returned. Ctrl+C cancels a running call
    within a fraction of a second and leaves the module ready for the next one. In read-only mode (see
    Set-CIPPAPIDetails -ReadOnly) a call that may change data stops with an error naming the endpoint, and
    nothing is sent.

    .PARAMETER Endpoint
    The API path, normally '/api/<EndpointName>' such as '/api/ListTenants'. 'api/ListTenants' and 'ListTenants'
    are accepted too. Endpoint names are case-insensitive on the server.

    .PARAMETER Params
    A hashtable of query-string parameters, for example @{ tenantFilter = 'contoso.onmicrosoft.com' }.

    .PARAMETER Method
    GET (default) or POST.

    .PARAMETER Body
    The JSON request body: a hashtable, an ordered dictionary or a PSCustomObject (sent as a JSON object), or an
    array of them (sent as a JSON array, also when it has one element). Nested values are converted up to 10
    levels deep. Other values (a JSON string, a number) are refused: convert JSON text with ConvertFrom-Json first.

    .PARAMETER ContentType
    The Content-Type header of the request; default application/json. The body is JSON text in any case.

    .PARAMETER Authorization
    Accepted for compatibility and ignored: the module adds the bearer token itself.

    .PARAMETER WhatIf
    Shows the exact request instead of sending it: method, URL with query string, headers (the token shown as
    "Bearer [redacted]"), body, the endpoint catalog's findings and whether read-only mode would refuse it, in
    PowerShell's "What if:" format. Nothing is sent, not even a token request. Also honoured through
    $WhatIfPreference, e.g. when a command is run with -WhatIf: then calls that only read (the same rule as
    read-only mode) still run, so the command can show the change it would make. Added by this module (not in
    1.2.12).

    .EXAMPLE
    Invoke-CIPPRestMethod -Endpoint '/api/ListUsers' -Params @{ tenantFilter = 'contoso.onmicrosoft.com' }

    Lists the users of a customer tenant; each user arrives on the pipeline as its own object.

    .EXAMPLE
    Invoke-CIPPRestMethod -Endpoint '/api/AddUser' -Method POST -Body @{ tenantFilter = 'contoso.onmicrosoft.com'; displayName = 'Ada Lovelace'; username = 'ada' }

    Creates a user by POSTing a JSON body; the server's result object is returned.

    .EXAMPLE
    Invoke-CIPPRestMethod -Endpoint '/api/ExecOffboardUser' -Method POST -Body @{ tenantFilter = 'contoso.onmicrosoft.com'; user = 'ada@contoso.com' } -WhatIf

    Prints the request (URL, headers with the token redacted, JSON body) without sending anything.

    .OUTPUTS
    System.Management.Automation.PSCustomObject, System.String
    #>
    param(
        [string]$Endpoint,
        [hashtable]$Params = @{},
        [ValidateSet('GET', 'POST')]
        [string]$Method = 'GET',
        [object]$Body = @{},
        [string]$ContentType = 'application/json',
        [string]$Authorization = $null,
        [switch]$WhatIf
    )

    $client = $script:CIPPClient
    if ($null -eq $client -or $client.IsDisposed) { $client = Get-CIPPClientInstance }
    $Method = $Method.ToUpperInvariant()
    $query = [CippApi.InvokeCippRequestCommand]::QueryPairs($Params)
    # No body given: '{}' without ConvertTo-Json (a tenth of a millisecond on every GET).
    $json = if ($Body -is [hashtable] -and $Body.Count -eq 0) { '{}' } else { ConvertTo-CIPPJsonBody $Body }

    if ($VerbosePreference -ne 'SilentlyContinue') {
        try {
            $url = $client.BuildUrl($Endpoint, $query)
        } catch [System.Management.Automation.MethodInvocationException] {
            # An endpoint the library cannot turn into a URL: the request below reports it as an error.
            $url = $Endpoint
        }
        Write-Verbose "$Method [ $url ]"
    }

    # -WhatIf given: preview every call. Inherited $WhatIfPreference (a command run with -WhatIf): preview changes,
    # let reads run so the command can build the change it would make.
    $preview = if ($PSBoundParameters.ContainsKey('WhatIf')) { [bool]$WhatIf }
    elseif ($WhatIfPreference) { -not (Test-CIPPReadCall -Endpoint $Endpoint) }
    else { $false }
    if ($preview) {
        Show-CIPPRequestPreview -Client $client -Method $Method -Endpoint $Endpoint -Query $query -Body $json -ContentType $ContentType
        return
    }

    # Catalog findings are warnings for your own calls; the module's commands send the 1.2.12 requests on purpose
    # (COMPATIBILITY.md), so for calls from the module's own files they go to the verbose stream.
    $internal = [CippApi.InvokeCippRequestCommand]::IsModuleCaller($MyInvocation)
    # Two literal calls rather than -QuietCatalog:$internal: a computed switch argument makes PowerShell bind
    # through a much slower path (measured ~0.2 ms per call, a sixth of a whole small request).
    if ($internal) {
        & $script:CIPPRequestCommand -Client $client -Method $Method -Endpoint $Endpoint -Query $query -Body $json -ContentType $ContentType -QuietCatalog
    } else {
        & $script:CIPPRequestCommand -Client $client -Method $Method -Endpoint $Endpoint -Query $query -Body $json -ContentType $ContentType
    }
}
