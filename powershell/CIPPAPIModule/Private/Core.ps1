# Shared plumbing for Set-CIPPAPIDetails, Invoke-CIPPRestMethod and Get-CIPPLogs: the per-module client, query
# conversion, native calls and the mapping of responses and failures to PowerShell output and error records.

# The message of the community module's preflight check, kept word for word.
$script:CIPPNotConfiguredMessage = 'Cannot continue: CIPP API information not found. Please run Set-CIPPAPIDetails before connecting to the API.'

function Get-CIPPClientInstance {
    <#
    .SYNOPSIS
    Returns this module instance's CippApi.CippClient, or throws the "not configured" error.

    .DESCRIPTION
    The client is created by Set-CIPPAPIDetails and lives in the module's script scope, so every runspace that
    imports the module has its own. Without one, throws a script-terminating error carrying a
    CippApi.CippException with status NotConfigured and the community module's message.
    #>
    $client = $script:CIPPClient
    if ($null -eq $client -or $client.IsDisposed) {
        $exception = [CippApi.CippException]::new([CippApi.CippStatus]::NotConfigured, $script:CIPPNotConfiguredMessage)
        throw [System.Management.Automation.ErrorRecord]::new(
            $exception, 'CIPPAPIDetailsNotSet', [System.Management.Automation.ErrorCategory]::InvalidOperation, $null)
    }
    $client
}

function ConvertTo-CIPPQueryPair {
    <#
    .SYNOPSIS
    Turns a -Params hashtable into ordered key/value pairs for the native call.

    .DESCRIPTION
    Enumerates the hashtable in its own order and converts keys and values to strings the way PowerShell does
    ([string] conversion: $true -> True, arrays joined with spaces, $null -> empty, sent as "key=").
    #>
    param([System.Collections.IDictionary]$Params)
    $pairs = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    if ($null -eq $Params) { return , $pairs }
    foreach ($entry in $Params.GetEnumerator()) {
        $value = if ($null -eq $entry.Value) { '' } else { [string]$entry.Value }
        $pairs.Add([System.Collections.Generic.KeyValuePair[string, string]]::new([string]$entry.Key, $value))
    }
    , $pairs
}

function ConvertTo-CIPPNullableString {
    # .NET method calls turn $null into ""; the native layer distinguishes NULL (default) from "".
    param($Value)
    if ($null -eq $Value) { return [NullString]::Value }
    [string]$Value
}

function Get-CIPPInnerException {
    # The exception a .NET method threw, without PowerShell's MethodInvocationException wrapper.
    param([System.Exception]$Exception)
    while ($Exception -is [System.Management.Automation.MethodInvocationException] -and $Exception.InnerException) {
        $Exception = $Exception.InnerException
    }
    $Exception
}

function Get-CIPPErrorCategory {
    # PowerShell error category for an HTTP status code or a native status.
    param([int]$HttpStatus, $NativeStatus)
    $category = [System.Management.Automation.ErrorCategory]
    if ($null -ne $NativeStatus) {
        switch ([string]$NativeStatus) {
            'NotConfigured' { return $category::InvalidOperation }
            'Authentication' { return $category::AuthenticationError }
            'Network' { return $category::ConnectionError }
            'Timeout' { return $category::OperationTimeout }
            'Cancelled' { return $category::OperationStopped }
            'TlsConfig' { return $category::SecurityError }
            'InsecureUrl' { return $category::SecurityError }
            'InvalidResponse' { return $category::InvalidResult }
            'Panic' { return $category::NotSpecified }
            default { return $category::InvalidArgument }
        }
    }
    switch ($HttpStatus) {
        400 { return $category::InvalidArgument }
        401 { return $category::AuthenticationError }
        403 { return $category::PermissionDenied }
        404 { return $category::ObjectNotFound }
        408 { return $category::OperationTimeout }
        409 { return $category::ResourceExists }
        429 { return $category::LimitsExceeded }
        504 { return $category::OperationTimeout }
    }
    if ($HttpStatus -ge 500) { return $category::ResourceUnavailable }
    $category::InvalidOperation
}

function New-CIPPNativeErrorRecord {
    <#
    .SYNOPSIS
    Wraps a native failure (CippApi.CippException) in an ErrorRecord with the library's message.
    #>
    param([System.Exception]$Exception, [string]$Activity)
    $inner = Get-CIPPInnerException -Exception $Exception
    if ($inner -is [CippApi.CippException]) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            $inner, "CIPPAPI.$($inner.Status)", (Get-CIPPErrorCategory -NativeStatus $inner.Status), $null)
    } else {
        $record = [System.Management.Automation.ErrorRecord]::new(
            $inner, 'CIPPAPI.Unexpected', [System.Management.Automation.ErrorCategory]::NotSpecified, $null)
    }
    if ($Activity) { $record.CategoryInfo.Activity = $Activity }
    $record
}

function New-CIPPHttpErrorRecord {
    <#
    .SYNOPSIS
    Builds the ErrorRecord Invoke-RestMethod would raise for a non-2xx answer.

    .DESCRIPTION
    A Microsoft.PowerShell.Commands.HttpResponseException carrying an HttpResponseMessage (status, reason
    phrase, the body as content, the request method and URL), with ErrorDetails set to the body, so
    $_.Exception.Response.StatusCode and $_.ErrorDetails.Message work as with Invoke-RestMethod.
    #>
    param([CippApi.CippResponse]$Response, [string]$Method, [string]$Activity)
    $code = [int]$Response.StatusCode
    $message = [System.Net.Http.HttpResponseMessage]::new([System.Enum]::ToObject([System.Net.HttpStatusCode], $code))
    $content = [System.Net.Http.StringContent]::new($Response.Body, [System.Text.Encoding]::UTF8)
    $mediaType = $null
    if ($Response.ContentType -and [System.Net.Http.Headers.MediaTypeHeaderValue]::TryParse($Response.ContentType, [ref]$mediaType)) {
        $content.Headers.ContentType = $mediaType
    }
    $message.Content = $content
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Response.Url)
    $message.RequestMessage = $request
    $exception = [Microsoft.PowerShell.Commands.HttpResponseException]::new(
        "Response status code does not indicate success: $code ($($message.ReasonPhrase)).", $message)
    $record = [System.Management.Automation.ErrorRecord]::new(
        $exception, 'WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand',
        (Get-CIPPErrorCategory -HttpStatus $code), $request)
    if ($Activity) { $record.CategoryInfo.Activity = $Activity }
    if ($Response.Body.Length -gt 0) {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($Response.Body)
        # The library's plain-language cause and fix for answers that commonly stop people (401/403/404, sign-in).
        if ($Response.Advice) { $record.ErrorDetails.RecommendedAction = $Response.Advice }
    }
    $record
}

function Write-CIPPTrace {
    # The library's account of retries and token refreshes (or catalog findings), one verbose line per event.
    [CmdletBinding()]
    param([string]$Text, [string]$Prefix = '')
    if (-not $Text) { return }
    foreach ($line in $Text.Split("`n")) {
        if ($line.Trim()) { Write-Verbose "$Prefix$($line.TrimEnd())" }
    }
}

function Invoke-CIPPRequest {
    <#
    .SYNOPSIS
    Sends one request through the module's client and writes the result like Invoke-RestMethod.

    .DESCRIPTION
    Private engine of Invoke-CIPPRestMethod and Get-CIPPLogs. An advanced function on purpose: HTTP and
    transport failures are raised with ThrowTerminatingError, i.e. statement-terminating exactly like
    Invoke-RestMethod inside the community module's Invoke-CIPPRestMethod: a surrounding try/catch catches them,
    without one the error is reported and the calling script carries on.

    Success (2xx): a JSON body (application/json or +json) is parsed with ConvertFrom-Json (PSCustomObjects,
    ISO dates as DateTime) and a top-level array is written one element at a time; other bodies are written as
    one string; an empty body writes nothing.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Invoke')]
    param(
        [Parameter(Mandatory)] [CippApi.CippClient] $Client,
        [Parameter(ParameterSetName = 'Invoke')] [string] $Method = 'GET',
        [Parameter(ParameterSetName = 'Invoke')] [AllowEmptyString()] [string] $Endpoint,
        [Parameter(ParameterSetName = 'Invoke')] $Query,
        [Parameter(ParameterSetName = 'Invoke')] [string] $Body,
        [Parameter(ParameterSetName = 'Invoke')] [AllowEmptyString()] [string] $ContentType,
        [Parameter(Mandatory, ParameterSetName = 'Logs')] [switch] $Logs,
        [Parameter(ParameterSetName = 'Logs')] $Severity,
        [Parameter(ParameterSetName = 'Logs')] $DateFilter,
        [Parameter(ParameterSetName = 'Logs')] $StartDate,
        [Parameter(ParameterSetName = 'Logs')] $EndDate
    )
    # Errors name the public command (the error view shows the activity), not this private helper.
    $activity = if ($Logs) { 'Get-CIPPLogs' } else { 'Invoke-CIPPRestMethod' }
    try {
        if ($Logs) {
            $Method = 'GET'
            $response = $Client.GetLogs((ConvertTo-CIPPNullableString $Severity), (ConvertTo-CIPPNullableString $DateFilter),
                (ConvertTo-CIPPNullableString $StartDate), (ConvertTo-CIPPNullableString $EndDate))
        } else {
            $type = if ($ContentType) { $ContentType } else { [NullString]::Value }
            $response = $Client.InvokeRestMethod($Method, $Endpoint, $Query, $Body, $type)
        }
    } catch [System.Management.Automation.MethodInvocationException] {
        $inner = Get-CIPPInnerException -Exception $_.Exception
        if ($inner -is [CippApi.CippException]) { Write-CIPPTrace -Text $inner.Trace }
        $PSCmdlet.ThrowTerminatingError((New-CIPPNativeErrorRecord -Exception $_.Exception -Activity $activity))
    }
    Write-CIPPTrace -Text $response.Trace
    Write-CIPPTrace -Text $response.Warnings -Prefix 'Catalog check: '

    if (-not $response.IsSuccessStatusCode) {
        $PSCmdlet.ThrowTerminatingError((New-CIPPHttpErrorRecord -Response $response -Method $Method -Activity $activity))
    }
    $text = $response.Body
    if ($text.Length -eq 0) { return }
    if (-not $response.IsJson) { return $text }
    try {
        # -NoEnumerate keeps nested arrays intact; the output statement below unrolls only the top level.
        $parsed = ConvertFrom-Json -InputObject $text -NoEnumerate -ErrorAction Stop
    } catch {
        # Same fallback as Invoke-RestMethod: a body labelled JSON that does not parse is returned as text.
        Write-Verbose "The response is labelled JSON but did not parse ($($_.Exception.Message)); returning it as text."
        return $text
    }
    $parsed
}
