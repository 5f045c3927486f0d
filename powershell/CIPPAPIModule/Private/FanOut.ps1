# Helpers of Invoke-CIPPForEachTenant: tag each result with its tenant, and point error records at the tenant.

function Add-CIPPTenantProperty {
    <#
    .SYNOPSIS
    Adds a CIPPTenant note property to each pipeline object (wrapping values that are not objects).

    .DESCRIPTION
    PSCustomObjects (what ConvertFrom-Json makes of JSON objects) get the property in place. Anything else
    (strings, numbers, booleans, dates, nested arrays, $null) is written as
    [pscustomobject]@{ CIPPTenant = <tenant>; Value = <item> }, because a note property on a string or number is
    lost as soon as the value is copied.
    #>
    param([string]$Tenant)
    process {
        $item = $_
        if ($item -is [System.Management.Automation.PSCustomObject] -and
            $item.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject]) {
            $existing = $item.PSObject.Properties['CIPPTenant']
            if ($null -ne $existing) {
                # The answer has its own CIPPTenant field: ours wins (it names the tenant that was called).
                $item.PSObject.Properties.Remove('CIPPTenant')
            }
            $item.PSObject.Properties.Add([System.Management.Automation.PSNoteProperty]::new('CIPPTenant', $Tenant))
            $item
        } else {
            [pscustomobject]@{ CIPPTenant = $Tenant; Value = $item }
        }
    }
}

function Set-CIPPTenantErrorTarget {
    <#
    .SYNOPSIS
    A copy of an error record whose TargetObject is the tenant and whose message names it.

    .DESCRIPTION
    ErrorRecord.TargetObject is read-only, so the record is rebuilt from its exception, id and category. The
    error details message becomes "<tenant>: <Message>" (the server's answer or the native message) so the
    default error view says which tenant failed; the library's advice is kept as RecommendedAction.
    #>
    param(
        [System.Management.Automation.ErrorRecord]$Record,
        [string]$Tenant,
        [string]$Message
    )
    $copy = [System.Management.Automation.ErrorRecord]::new(
        $Record.Exception, $Record.FullyQualifiedErrorId, $Record.CategoryInfo.Category, $Tenant)
    $copy.CategoryInfo.Activity = $Record.CategoryInfo.Activity
    $text = if ([string]::IsNullOrWhiteSpace($Message)) { $Record.Exception.Message } else { $Message.Trim() }
    $copy.ErrorDetails = [System.Management.Automation.ErrorDetails]::new("${Tenant}: $text")
    if ($Record.ErrorDetails -and $Record.ErrorDetails.RecommendedAction) {
        $copy.ErrorDetails.RecommendedAction = $Record.ErrorDetails.RecommendedAction
    }
    $copy
}
