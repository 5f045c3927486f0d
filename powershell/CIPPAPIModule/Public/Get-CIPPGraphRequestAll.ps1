function Get-CIPPGraphRequestAll {
    <#
    .SYNOPSIS
    Reads every page of a Microsoft Graph list through CIPP's ListGraphRequest, following Metadata.nextLink.

    .DESCRIPTION
    Sends GET /api/ListGraphRequest with manualPagination=true, so CIPP returns one page (at most -PageSize
    items) and, when more exist, Metadata.nextLink. The command then asks for the next page with nextLink and
    writes each page's items to the pipeline as they arrive, until no nextLink is returned.

    Safeguards: a queued answer (CIPP runs the request in the background, e.g. for AllTenants, and answers without
    rows) stops with a ResourceBusy error naming the QueueId: run Wait-CIPPQueue -QueueId <id>, then run the
    command again. A nextLink the server already returned stops the loop with an error (it would repeat forever),
    and after -MaxPages pages the command stops with a warning saying that more items exist. Added by this module
    (not in CIPPAPIModule 1.2.12); Get-CIPPGraphRequest keeps the 1.2.12 behaviour (CIPP pages on the server).

    .PARAMETER CustomerTenantID
    The customer tenant (default domain or tenant ID), sent as tenantFilter.

    .PARAMETER Endpoint
    The Graph endpoint, for example 'users' or 'groups', sent as Endpoint.

    .PARAMETER Select
    Properties to return, sent as $select (for example 'id,displayName').

    .PARAMETER Filter
    An OData filter, sent as $filter.

    .PARAMETER PageSize
    Items per page, sent as $top (1-999, default 999).

    .PARAMETER Version
    The Graph version, 'beta' (CIPP's default) or 'v1.0'.

    .PARAMETER MaxPages
    The most pages to read (default 1000); when more remain, a warning says so.

    .PARAMETER AdditionalParams
    More query parameters for ListGraphRequest, for example @{ '$orderby' = 'displayName' }.

    .EXAMPLE
    Get-CIPPGraphRequestAll -CustomerTenantID 'contoso.onmicrosoft.com' -Endpoint 'users' -Select 'id,userPrincipalName'

    Returns every user of the tenant, page by page.

    .EXAMPLE
    Get-CIPPGraphRequestAll -CustomerTenantID $tenant -Endpoint 'groups' -PageSize 100 -MaxPages 5 -Verbose

    Reads at most five pages of 100 groups, showing each page request.

    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$CustomerTenantID,

        [Parameter(Mandatory = $true, Position = 1)]
        [string]$Endpoint,

        [string]$Select,

        [string]$Filter,

        [ValidateRange(1, 999)]
        [int]$PageSize = 999,

        [ValidateSet('beta', 'v1.0')]
        [string]$Version = 'beta',

        [ValidateRange(1, 100000)]
        [int]$MaxPages = 1000,

        [hashtable]$AdditionalParams = @{}
    )
    $base = [ordered]@{
        tenantFilter     = $CustomerTenantID
        Endpoint         = $Endpoint
        manualPagination = 'true'
        '$top'           = $PageSize
        Version          = $Version
    }
    if ($Select) { $base['$select'] = $Select }
    if ($Filter) { $base['$filter'] = $Filter }
    foreach ($k in $AdditionalParams.Keys) { $base[$k] = $AdditionalParams[$k] }

    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    $next = $null
    $page = 0
    while ($true) {
        $params = [ordered]@{} + $base
        if ($next) { $params['nextLink'] = $next }
        $page++
        Write-Verbose "ListGraphRequest $Endpoint for $CustomerTenantID, page $page$(if ($next) { " ($next)" })"
        # Warnings about the answer are held back until it is known whether it was queued: a queued answer is
        # reported once, as this command's error below, not also as the request's warning.
        $warnings = [System.Collections.Generic.List[System.Management.Automation.WarningRecord]]::new()
        $response = foreach ($out in (Invoke-CIPPRestMethod -Endpoint '/api/ListGraphRequest' -Params $params 3>&1)) {
            if ($out -is [System.Management.Automation.WarningRecord]) { $warnings.Add($out) } else { $out }
        }
        $meta = $response.Metadata
        $queued = $meta -and [string]$meta.Queued -eq 'True'
        if (-not $queued) { foreach ($w in $warnings) { Write-Warning $w.Message } }
        if ($WhatIfPreference -and $null -eq $response) { return }
        if ($queued) {
            # CIPP answered "queued" (AllTenants, or a cache being filled) without rows: not an empty, complete list.
            $id = [string]$meta.QueueId
            $exception = [System.InvalidOperationException]::new(
                "ListGraphRequest queued $Endpoint for $CustomerTenantID instead of answering (QueueId $id" +
                "$(if ($meta.QueueMessage) { ": $($meta.QueueMessage)" })); no items were read. Run Wait-CIPPQueue -QueueId $id, " +
                'then run this command again to read the results.')
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                    $exception, 'CIPPAPI.Queued', [System.Management.Automation.ErrorCategory]::ResourceBusy, $id))
        }
        foreach ($item in @($response.Results)) { if ($null -ne $item) { $item } }
        $next = [string]$response.Metadata.nextLink
        if (-not $next) { return }
        if (-not $seen.Add($next)) {
            $exception = [System.InvalidOperationException]::new(
                "ListGraphRequest returned the same nextLink twice ($next) after $page page(s); stopped to avoid an endless loop.")
            $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                    $exception, 'CIPPAPI.RepeatedNextLink', [System.Management.Automation.ErrorCategory]::InvalidResult, $next))
        }
        if ($page -ge $MaxPages) {
            Write-Warning "Stopped after $MaxPages page(s) of $Endpoint for ${CustomerTenantID}; more items exist (raise -MaxPages to read them)."
            return
        }
    }
}
