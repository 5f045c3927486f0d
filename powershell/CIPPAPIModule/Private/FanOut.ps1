# Helper of Invoke-CIPPForEachTenant: point error records at the tenant (rows are tagged by CippApi.InvokeCippRequestCommand.WriteBody).

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
