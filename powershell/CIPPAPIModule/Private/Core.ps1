# Shared plumbing for Set-CIPPAPIDetails, Invoke-CIPPRestMethod and Get-CIPPLogs: the per-module client, query
# conversion, native calls and the mapping of responses and failures to PowerShell output and error records.

# The module folder: calls to Invoke-CIPPRestMethod from files below it are the module's own. ModuleBase, not
# $PSScriptRoot: the packaged module has these functions inlined into the .psm1 (scripts/package.ps1).
$script:CIPPModuleRoot = $ExecutionContext.SessionState.Module.ModuleBase

# Process-wide slot for the details: runspaces of this process (ForEach-Object -Parallel, Start-ThreadJob) and a
# re-import (Import-Module -Force) use the client the last Set-CIPPAPIDetails made when they have none of their own.
$script:CIPPSharedClientSlot = 'CIPPAPIModule.SharedClient'

function Get-CIPPClientOrNull {
    # This module instance's client, else the process-wide one, else $null. Never throws.
    $client = $script:CIPPClient
    if ($null -ne $client -and -not $client.IsDisposed) { return $client }
    $shared = [System.AppDomain]::CurrentDomain.GetData($script:CIPPSharedClientSlot)
    if ($null -ne $shared -and -not $shared.IsDisposed) { return $shared }
    $null
}

function Get-CIPPClientInstance {
    <#
    .SYNOPSIS
    Returns the client to use, or throws the "not configured" error.

    .DESCRIPTION
    The client is created by Set-CIPPAPIDetails and lives in the module's script scope; a module instance without
    one (another runspace, a re-import) uses the process-wide client of the last Set-CIPPAPIDetails. Without
    either, throws a script-terminating error carrying a CippApi.CippException with status NotConfigured and the
    library's message.
    #>
    $client = $script:CIPPClient
    if ($null -ne $client -and -not $client.IsDisposed) { return $client }
    $client = Get-CIPPClientOrNull
    if ($null -eq $client) {
        # The library words the message (in PowerShell terms); asked only on this error path.
        $message = [CippApi.CippClient]::NotConfiguredMessage('powershell')
        $exception = [CippApi.CippException]::new([CippApi.CippStatus]::NotConfigured, $message)
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

# InvocationInfo's script position has no public setter; used to point error records at the caller's line.
$script:CIPPScriptPositionProperty = [System.Management.Automation.InvocationInfo].GetProperty(
    'ScriptPosition', [System.Reflection.BindingFlags]'Instance, NonPublic')

function Set-CIPPCallerPosition {
    <#
    .SYNOPSIS
    Makes the next error record of -Cmdlet point at the line outside the module that called into it.

    .DESCRIPTION
    $PSCmdlet.ThrowTerminatingError stamps the record with the cmdlet's own invocation, which for this private
    engine is a line inside the module (Invoke-CIPPRestMethod.ps1, Commands.ps1). Moving that invocation's position
    to the caller's statement (the first call-stack frame outside the module folder) gives the error view, and
    $_.InvocationInfo.ScriptName/ScriptLineNumber, the user's line, as Invoke-CIPPForEachTenant's own records have.
    Only on the error path; the engine's invocation ends with the error, so nothing else sees the change.
    #>
    param([System.Management.Automation.PSCmdlet]$Cmdlet)
    if ($null -eq $script:CIPPScriptPositionProperty) { return }
    try {
        $root = $script:CIPPModuleRoot
        foreach ($frame in (Get-PSCallStack | Select-Object -Skip 1)) {
            $file = $frame.ScriptName
            if ($file -and $file.StartsWith($root, [System.StringComparison]::Ordinal)) { continue }
            if ($frame.Position) { $script:CIPPScriptPositionProperty.SetValue($Cmdlet.MyInvocation, $frame.Position) }
            return
        }
    } catch {
        Write-Verbose "Could not point the error at the calling line: $($_.Exception.Message)"
    }
}

function ConvertTo-CIPPJsonBody {
    <#
    .SYNOPSIS
    -Body as JSON text (ConvertTo-Json -Depth 10 -Compress): a hashtable, an ordered dictionary or a PSCustomObject
    becomes a JSON object, an array of them a JSON array; $null stays JSON null as in 1.2.12.

    .DESCRIPTION
    Anything else (a JSON string, a number, an array holding one) stops the statement with an InvalidArgument error
    at the caller's line, before anything is sent: a string would otherwise be sent double-encoded.
    #>
    [CmdletBinding()]
    param([AllowNull()] $Body)
    $items = if ($Body -is [array] -or $Body -is [System.Collections.IList]) { $Body } else { , $Body }
    foreach ($item in $items) {
        if ($null -eq $Body -or $item -is [System.Collections.IDictionary] -or
            ($null -ne $item -and $item.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject])) { continue }
        $type = if ($null -eq $item) { 'null' } else { $item.GetType().FullName }
        $exception = [System.ArgumentException]::new(
            "-Body takes a hashtable, an ordered dictionary, a PSCustomObject, or an array of them; got [$type]. " +
            'Pass JSON text as an object: -Body ($json | ConvertFrom-Json).', 'Body')
        Set-CIPPCallerPosition -Cmdlet $PSCmdlet
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                $exception, 'CIPPAPI.BodyShape', [System.Management.Automation.ErrorCategory]::InvalidArgument, $item))
    }
    ConvertTo-Json -InputObject $Body -Depth 10 -Compress
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
            'Certificate' { return $category::SecurityError }
            'InsecureUrl' { return $category::SecurityError }
            'InvalidResponse' { return $category::InvalidResult }
            'Refused' { return $category::PermissionDenied }
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
    } elseif ($inner -is [System.ArgumentException]) {
        # The binding's own refusal of text the C ABI cannot carry (a NUL): nothing was sent.
        $record = [System.Management.Automation.ErrorRecord]::new(
            $inner, 'CIPPAPI.InvalidArgument', [System.Management.Automation.ErrorCategory]::InvalidArgument, $null)
    } else {
        $record = [System.Management.Automation.ErrorRecord]::new(
            $inner, 'CIPPAPI.Unexpected', [System.Management.Automation.ErrorCategory]::NotSpecified, $null)
    }
    if ($Activity) { $record.CategoryInfo.Activity = $Activity }
    $action = Get-CIPPNativeAdvice -Exception $inner
    if ($action) {
        # The library's message stays the message; the advice names the PowerShell parameter that changes it.
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($inner.Message)
        $record.ErrorDetails.RecommendedAction = $action
    }
    $record
}

function Get-CIPPNativeAdvice {
    # PowerShell's way to the fix of a refusal or a request timeout (the library's text speaks of its settings).
    param([System.Exception]$Exception)
    if ($Exception -isnot [CippApi.CippException]) { return $null }
    $text = $Exception.Message
    switch ([string]$Exception.Status) {
        'Refused' {
            if ($text -match 'read-only') {
                if ($env:CIPPAPI_READ_ONLY) {
                    return "Read-only mode comes from the environment (CIPPAPI_READ_ONLY=$env:CIPPAPI_READ_ONLY): remove the variable, or run Set-CIPPAPIDetails again with -ReadOnly:`$false, which overrides it."
                }
                return "Run Set-CIPPAPIDetails again with -ReadOnly:`$false to allow calls that change data."
            }
            if ($text -match 'allow-list') {
                $from = if ($env:CIPPAPI_ALLOWED_ENDPOINTS) { ' (now set from CIPPAPI_ALLOWED_ENDPOINTS)' } else { '' }
                return "Add the endpoint to Set-CIPPAPIDetails -AllowedEndpoint$from, or leave the allow-list out."
            }
        }
        'Timeout' {
            if ($text -match 'request timeout') {
                return 'Run Set-CIPPAPIDetails again with a larger -TimeoutSeconds (or set CIPPAPI_TIMEOUT_SECS) for calls that take longer.'
            }
        }
    }
    $null
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
    } elseif ($Response.Advice) {
        # No body (e.g. the portal's 302 to the sign-in page): the status line is the message, the advice the action.
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($exception.Message)
    }
    # The library's plain-language cause and fix for answers that commonly stop people (401/403/404, sign-in).
    if ($Response.Advice -and $record.ErrorDetails) { $record.ErrorDetails.RecommendedAction = $Response.Advice }
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
        [Parameter(ParameterSetName = 'Invoke')] [switch] $QuietCatalog,
        [Parameter(Mandatory, ParameterSetName = 'Logs')] [switch] $Logs,
        [Parameter(ParameterSetName = 'Logs')] $Severity,
        [Parameter(ParameterSetName = 'Logs')] $DateFilter,
        [Parameter(ParameterSetName = 'Logs')] $StartDate,
        [Parameter(ParameterSetName = 'Logs')] $EndDate
    )
    # Errors name the public command (the error view shows the activity), not this private helper.
    $activity = if ($Logs) { 'Get-CIPPLogs' } else { 'Invoke-CIPPRestMethod' }
    if ($Logs) { $Method = 'GET' }
    try {
        $task = if ($Logs) {
            $Client.GetLogsAsync((ConvertTo-CIPPNullableString $Severity), (ConvertTo-CIPPNullableString $DateFilter),
                (ConvertTo-CIPPNullableString $StartDate), (ConvertTo-CIPPNullableString $EndDate))
        } else {
            $type = if ($ContentType) { $ContentType } else { [NullString]::Value }
            $Client.InvokeRestMethodAsync($Method, $Endpoint, $Query, $Body, $type)
        }
        $response = Wait-CIPPNativeTask $Client $task
    } catch [System.Management.Automation.MethodInvocationException] {
        $inner = Get-CIPPInnerException -Exception $_.Exception
        if ($inner -is [CippApi.CippException]) { Write-CIPPTrace -Text $inner.Trace }
        Set-CIPPCallerPosition -Cmdlet $PSCmdlet
        $PSCmdlet.ThrowTerminatingError((New-CIPPNativeErrorRecord -Exception $_.Exception -Activity $activity))
    }
    # Guarded here: each helper call costs more than the rest of a small request's PowerShell work.
    if ($response.Trace) { Write-CIPPTrace -Text $response.Trace }
    if ($response.Warnings) {
        if ($QuietCatalog) { Write-CIPPTrace -Text $response.Warnings -Prefix 'Catalog check: ' }
        else { Write-CIPPCatalogWarning -Text $response.Warnings }
    }

    if (-not $response.IsSuccessStatusCode) {
        Set-CIPPCallerPosition -Cmdlet $PSCmdlet
        $PSCmdlet.ThrowTerminatingError((New-CIPPHttpErrorRecord -Response $response -Method $Method -Activity $activity))
    }
    ConvertFrom-CIPPResponseBody -Response $response
}

function ConvertFrom-CIPPResponseBody {
    <#
    .SYNOPSIS
    Writes a successful answer's body the way Invoke-RestMethod does. Shared by Invoke-CIPPRequest and
    Invoke-CIPPForEachTenant (one conversion for both).

    .DESCRIPTION
    A JSON body (application/json or +json) is parsed with ConvertFrom-Json (PSCustomObjects, ISO dates as
    DateTime) and a top-level array is written one element at a time, each built as it is written (streamed: a
    big list is never all in memory unless the caller collects it); other bodies are written as one string; an
    empty body writes nothing. A simple function on purpose (cheap to call once per response).
    #>
    param([CippApi.CippResponse]$Response, [string]$WarningPrefix)
    if ($Response.BodyLength -eq 0) { return }          # reading .Body would decode the text for nothing
    if (-not $Response.IsJson) { return $Response.Body }
    # CippJson builds exactly what ConvertFrom-Json -NoEnumerate builds, straight from the UTF-8 bytes (half the
    # time and memory on big lists); for the rare input where it cannot promise that, it declines. A big top-level
    # array comes back as a CippJsonArray: writing it below builds one element per pipeline step.
    $parsed = $null
    if (-not [CippApi.CippJson]::TryConvertFromJsonStreamed($Response, [ref]$parsed)) {
        $text = $Response.Body
        try {
            # -NoEnumerate keeps nested arrays intact; the output statement below unrolls only the top level.
            $parsed = ConvertFrom-Json -InputObject $text -NoEnumerate -ErrorAction Stop
        } catch {
            # Same fallback as Invoke-RestMethod: a body labelled JSON that does not parse is returned as text.
            Write-Verbose "The response is labelled JSON but did not parse ($($_.Exception.Message)); returning it as text."
            return $text
        }
    }
    # Only answers shaped {"Results": …} can report a failure with 200; skip the check for everything else.
    if ($parsed -is [System.Management.Automation.PSCustomObject] -and $parsed.PSObject.Properties['Results']) {
        if ($WarningPrefix) { Write-CIPPResultWarning -Parsed $parsed -Prefix $WarningPrefix } else { Write-CIPPResultWarning -Parsed $parsed }
    }
    $parsed
}

function Wait-CIPPNativeTask {
    <#
    .SYNOPSIS
    Runs a native call on a .NET task and waits for it in short slices, so Ctrl+C (pipeline stop) stays responsive.

    .DESCRIPTION
    -Task is a started CippClient.*Async call (passed positionally on the hot path: cheaper). The pipeline thread waits 200 ms at a time; between waits PowerShell
    can stop the pipeline. When it does (Ctrl+C, PowerShell.Stop(), a timeout of the host), the finally block calls
    CippClient.Cancel(), so the native call ends with status Cancelled within milliseconds and the client stays
    usable for the next command. Returns the task's result; a failed call is rethrown as the original exception
    (wrapped in a MethodInvocationException, as a direct .NET call would be).
    #>
    param([CippApi.CippClient]$Client, [System.Threading.Tasks.Task]$Task)
    $done = $false
    try {
        while (-not $task.IsCompleted) {
            $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($task), 200)
        }
        $done = $true
    } finally {
        if (-not $done -and -not $task.IsCompleted) {
            # Stopping: cancel the native call and give it a moment to return, observing its outcome.
            try { $Client.Cancel() } catch { $null = $_ }
            $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($task), 1000)
            $null = $task.Exception
        }
    }
    $task.GetAwaiter().GetResult()
}

function Write-CIPPCatalogWarning {
    # Where a call's parameters differ from the endpoint catalog (cipp_response_warnings): one warning per finding.
    [CmdletBinding()]
    param([string]$Text)
    if (-not $Text) { return }
    foreach ($line in $Text.Split("`n")) {
        if ($line.Trim()) { Write-Warning "Catalog check: $($line.TrimEnd())" }
    }
}

function Write-CIPPResultWarning {
    <#
    .SYNOPSIS
    Warns about answers that report a failure with HTTP 200.

    .DESCRIPTION
    CIPP answers many failed actions with 200 and the failure in Results: a string starting with "Failed" or
    "Error", or Results items with state "error" (the text is in resultText). Each such text becomes a warning;
    the response itself is still returned unchanged. Large list answers (top-level arrays) are not inspected.
    #>
    [CmdletBinding()]
    param($Parsed, [string]$Prefix = '')
    if ($null -eq $Parsed -or $Parsed -is [array] -or $Parsed -isnot [System.Management.Automation.PSCustomObject]) { return }
    $results = $Parsed.PSObject.Properties['Results']
    if (-not $results) { return }
    $meta = $Parsed.PSObject.Properties['Metadata']
    if ($meta -and $meta.Value -is [System.Management.Automation.PSCustomObject] -and $meta.Value.PSObject.Properties['Queued'] -and
        [string]$meta.Value.Queued -eq 'True') {
        # CIPP runs the request in the background and answers without the rows: say so instead of an empty result.
        $id = [string]$meta.Value.QueueId
        $text = if ($meta.Value.QueueMessage) { " ($([string]$meta.Value.QueueMessage))" } else { '' }
        $how = if ($id) { "QueueId $id; run Wait-CIPPQueue -QueueId $id, then repeat this call to read them" } else { 'repeat this call later to read them' }
        Write-Warning "${Prefix}CIPP queued this request$text; the answer has no results yet. $how."
    }
    foreach ($item in @($results.Value)) {
        if ($item -is [string]) {
            if ($item -match '^\s*(Failed|Error)\b') { Write-Warning "$Prefix$($item.Trim())" }
        } elseif ($item -is [System.Management.Automation.PSCustomObject]) {
            $state = $item.PSObject.Properties['state']
            if ($state -and [string]$state.Value -eq 'error') {
                $textProp = foreach ($n in 'resultText', 'text', 'message', 'Results') { if ($item.PSObject.Properties[$n]) { $item.$n; break } }
                if (-not $textProp) { $textProp = ConvertTo-Json -InputObject $item -Compress -Depth 3 }
                Write-Warning "$Prefix$textProp"
            }
        }
    }
}

function Get-CIPPEndpointName {
    # The library's normalised name ('ListUsers' from '/API/listusers?x=1'); the text as given when the library
    # refuses it (the call itself then fails with the library's reason).
    param([string]$Endpoint)
    try { [CippApi.CippCatalog]::EndpointName($Endpoint) } catch { $Endpoint }
}

function Test-CIPPReadCall {
    <#
    .SYNOPSIS
    True when a call to the endpoint only reads, as the library's read-only mode decides it.

    .DESCRIPTION
    Asks the library (CippCatalog.IsReadCall): the catalog's reads_only, and the core's rule for endpoints the
    catalog does not know. Used by -WhatIf: reads that a command needs still run, changes are shown. An endpoint
    the library refuses counts as a change (the preview then reports the library's reason).
    #>
    param([string]$Endpoint)
    try { [CippApi.CippCatalog]::IsReadCall($Endpoint) } catch { $false }
}

function Show-CIPPRequestPreview {
    <#
    .SYNOPSIS
    Prints the request the module would send (-WhatIf), in PowerShell's "What if:" format, and sends nothing.

    .DESCRIPTION
    Uses the native preview (cipp_client_preview): the exact URL with its query, the headers with the
    Authorization value shown as "Bearer [redacted]", the body, the endpoint catalog's findings and, when
    read-only mode or the endpoint allow-list would refuse the call, the reason. Nothing goes over the network,
    not even a token request. Written with Write-Host (information stream), one line each.
    #>
    param([CippApi.CippClient]$Client, [string]$Method, [string]$Endpoint, $Query, [string]$Body, [string]$ContentType, [string]$Target)
    try {
        $type = if ($ContentType) { $ContentType } else { [NullString]::Value }
        $preview = ConvertFrom-Json -InputObject $Client.Preview($Method, $Endpoint, $Query, $Body, $type)
    } catch [System.Management.Automation.MethodInvocationException] {
        throw (New-CIPPNativeErrorRecord -Exception $_.Exception -Activity 'Invoke-CIPPRestMethod')
    }
    $name = Get-CIPPEndpointName -Endpoint $Endpoint
    if ($Target) { $name = "$name for $Target" }
    Write-Host "What if: Performing the operation `"$($preview.method) $($preview.url)`" on target `"$name`"."
    foreach ($header in @($preview.headers)) {
        $value = if ($header[0] -eq 'Content-Type' -and -not $header[1]) { 'application/json' } else { $header[1] }
        Write-Host "    $($header[0]): $value"
    }
    Write-Host "    Body: $($preview.body)"
    foreach ($w in @($preview.warnings)) { if ($w) { Write-Host "    Catalog check: $w" } }
    if ($preview.refused) { Write-Host "    Would be refused: $($preview.refused)" }
}
