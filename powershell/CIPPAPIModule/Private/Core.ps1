# Shared plumbing for Set-CIPPAPIDetails, Invoke-CIPPRestMethod and Get-CIPPLogs: the per-module client, query and
# body conversion, previews. The request itself (wait, Ctrl+C, output, error records) is the compiled engine
# Invoke-CIPPRequest (src/CippRequestCommand.cs), reached through $script:CIPPRequestCommand.

# The module folder: calls to Invoke-CIPPRestMethod from files below it are the module's own. ModuleBase, not
# $PSScriptRoot: the packaged module has these functions inlined into the .psm1 (scripts/package.ps1).
$script:CIPPModuleRoot = $ExecutionContext.SessionState.Module.ModuleBase

# Process-wide slot for the details: runspaces of this process (ForEach-Object -Parallel, Start-ThreadJob) and a
# re-import (Import-Module -Force) use the client published there when they have none of their own. Which runspace
# may publish is Publish-CIPPSharedClient's rule.
$script:CIPPSharedClientSlot = 'CIPPAPIModule.SharedClient'

# The compiled engine, private: invoked as `& $script:CIPPRequestCommand ...`, never exported. Its errors point at the
# first caller outside this folder.
$script:CIPPRequestCommand = [System.Management.Automation.CmdletInfo]::new('Invoke-CIPPRequest', [CippApi.InvokeCippRequestCommand])
[CippApi.InvokeCippRequestCommand]::ModuleRoot = $script:CIPPModuleRoot

# What the generated commands build their requests with (`$script:CIPPCommandRequest::Build($PSCmdlet, '<entry>')`):
# a type literal in each of them would cost the import ~0.2 ms apiece, parsed before the binding is loaded.
$script:CIPPCommandRequest = [CippApi.CippCommandRequest]

function Get-CIPPClientOrNull {
    # This module instance's client, else the process-wide one, else $null. Never throws.
    $client = $script:CIPPClient
    if ($null -ne $client -and -not $client.IsDisposed) { return $client }
    $shared = [System.AppDomain]::CurrentDomain.GetData($script:CIPPSharedClientSlot)
    if ($null -ne $shared -and -not $shared.IsDisposed) { return $shared }
    $null
}

function Publish-CIPPSharedClient {
    <#
    .SYNOPSIS
    Makes a new client the process-wide one, unless another runspace that is still open owns that slot; true when
    published.

    .DESCRIPTION
    The runspace that first publishes owns the slot while it stays open (normally the session's own runspace), and
    only it replaces what it published. So a parallel runspace or thread job that runs Set-CIPPAPIDetails keeps its
    details to itself: it cannot switch off the session's -ReadOnly or -AllowedEndpoint, nor break the other
    runspaces with a wrong secret. Once the owner is closed (or the client it published is disposed), the next
    Set-CIPPAPIDetails of any runspace publishes and owns.
    #>
    param([CippApi.CippClient]$Client, [object[]]$Details)
    $domain = [System.AppDomain]::CurrentDomain
    $me = [runspace]::DefaultRunspace
    $owner = $domain.GetData("$script:CIPPSharedClientSlot.Owner")
    $ownerRunspace = if ($owner -is [System.WeakReference]) { $owner.Target }
    $published = $domain.GetData($script:CIPPSharedClientSlot)
    if ($null -ne $published -and -not $published.IsDisposed -and $null -ne $ownerRunspace -and
        -not [object]::ReferenceEquals($ownerRunspace, $me) -and
        $ownerRunspace.RunspaceStateInfo.State -eq [System.Management.Automation.Runspaces.RunspaceState]::Opened) {
        return $false
    }
    $domain.SetData($script:CIPPSharedClientSlot, $Client)
    $domain.SetData("$script:CIPPSharedClientSlot.Details", $Details)
    $domain.SetData("$script:CIPPSharedClientSlot.Owner", [System.WeakReference]::new($me))
    $true
}

function Get-CIPPClientInstance {
    <#
    .SYNOPSIS
    Returns the client to use, or throws the "not configured" error.

    .DESCRIPTION
    The client is created by Set-CIPPAPIDetails and lives in the module's script scope; a module instance without
    one (another runspace, a re-import) uses the process-wide client of the last Set-CIPPAPIDetails. Without
    either, throws a script-terminating error carrying a CippApi.CippException with status NotConfigured and the
    library's message. Get-CIPPLogs and Invoke-CIPPRestMethod check $script:CIPPClient themselves first (no
    function call on their hot path).
    #>
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
        [CippApi.InvokeCippRequestCommand]::PointAtCaller($PSCmdlet)
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                $exception, 'CIPPAPI.BodyShape', [System.Management.Automation.ErrorCategory]::InvalidArgument, $item))
    }
    ConvertTo-Json -InputObject $Body -Depth 10 -Compress
}

function New-CIPPNativeErrorRecord {
    # A native failure (CippApi.CippException, also inside PowerShell's MethodInvocationException) as an ErrorRecord
    # with the library's message; the compiled engine builds it (one mapping for every command).
    param([System.Exception]$Exception, [string]$Activity)
    [CippApi.InvokeCippRequestCommand]::NativeErrorRecord($Exception, $Activity)
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
    Uses the native preview (cipp_client_preview_request): the exact URL with its query, the headers with the
    Authorization value shown as "Bearer [redacted]", the body, the endpoint catalog's findings and, when
    read-only mode or the endpoint allow-list would refuse the call, the reason. With -Tenant, one request per
    tenant exactly as the fan-out builds it (the library puts each tenant under -TenantKey). Nothing goes over the
    network, not even a token request. Written with Write-Host (information stream), one line each.
    #>
    param([CippApi.CippClient]$Client, [string]$Method, [string]$Endpoint, $Query, [string]$Body, [string]$ContentType,
        [string[]]$Tenant, [string]$TenantKey, [CippApi.CippTenantIn]$TenantIn, [string]$Activity = 'Invoke-CIPPRestMethod')
    try {
        $type = if ($ContentType) { $ContentType } else { [NullString]::Value }
        $text = if ($Tenant) { $Client.PreviewBatch($Method, $Endpoint, $TenantKey, $TenantIn, $Tenant, $Query, $Body, $type) }
        else { $Client.Preview($Method, $Endpoint, $Query, $Body, $type) }
    } catch [System.Management.Automation.MethodInvocationException] {
        throw (New-CIPPNativeErrorRecord -Exception $_.Exception -Activity $Activity)
    }
    $previews = @(ConvertFrom-Json -InputObject $text)
    $name = Get-CIPPEndpointName -Endpoint $Endpoint
    for ($i = 0; $i -lt $previews.Count; $i++) {
        $preview = $previews[$i]
        $target = if ($Tenant) { "$name for $($Tenant[$i])" } else { $name }
        Write-Host "What if: Performing the operation `"$($preview.method) $($preview.url)`" on target `"$target`"."
        foreach ($header in @($preview.headers)) {
            $value = if ($header[0] -eq 'Content-Type' -and -not $header[1]) { 'application/json' } else { $header[1] }
            Write-Host "    $($header[0]): $value"
        }
        Write-Host "    Body: $($preview.body)"
        foreach ($w in @($preview.warnings)) { if ($w) { Write-Host "    Catalog check: $w" } }
        if ($preview.refused) { Write-Host "    Would be refused: $($preview.refused)" }
    }
}
