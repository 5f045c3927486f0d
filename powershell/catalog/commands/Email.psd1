# CIPPAPIModule command catalog: Email commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        # Added in CIPPAPIModule 1.2.13: UseReportDB is always sent, as there.
        @{
            Name = 'Get-CIPPHVEAccounts'
            Folder = 'Email/Administration'
            Synopsis = 'Lists the high-volume email (HVE) accounts of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListHVEAccounts'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
        }
        # Added in CIPPAPIModule 1.2.13: UseReportDB is always sent, as there.
        @{
            Name = 'Get-CIPPMailboxForwarding'
            Folder = 'Email/Reports'
            Synopsis = 'Lists the mailboxes of a customer tenant that forward mail, and where to.'
            Method = 'GET'
            Endpoint = '/api/ListMailboxForwarding'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
        }
        @{
            Name = 'Add-CIPPContact'
            Folder = 'Email/Administration'
            Synopsis = 'Creates an Exchange Online mail contact (an external address in the address book) in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/addcontact'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ExternalEmailAddress'; Type = 'string'; Mandatory = $true }
                @{ Name = 'FirstName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'LastName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                displayName = '$DisplayName'
                email = '$ExternalEmailAddress'
                FirstName = '$FirstName'
                LastName = '$LastName'
                tenantid = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Add-CIPPExchConnector'
            Folder = 'Email/Administration'
            Synopsis = 'Deploys an Exchange connector template to a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddExConnector'
            Parameters = @(
                @{ Name = 'CustomerTenantDefaultDomain'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateGuid'; Type = 'guid' }
                @{ Name = 'TemplateName'; Type = 'string' }
            )
            Handler = 'Invoke-CIPPExchConnectorHook'
            Example = "Add-CIPPExchConnector -CustomerTenantDefaultDomain 'contoso.onmicrosoft.com' -TemplateName 'Contoso Outbound Smart Host'"
        }
        @{
            Name = 'Add-CIPPExchTransportRule'
            Folder = 'Email/Administration'
            Synopsis = 'Deploys a transport rule template to a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddTransportRule'
            Parameters = @(
                @{ Name = 'CustomerTenantDefaultDomain'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateGuid'; Type = 'guid' }
                @{ Name = 'TemplateName'; Type = 'string' }
            )
            Handler = 'Invoke-CIPPExchTransportRuleHook'
            Example = "Add-CIPPExchTransportRule -CustomerTenantDefaultDomain 'contoso.onmicrosoft.com' -TemplateName 'Contoso External Sender Warning'"
        }
        @{
            Name = 'Add-CIPPRoomMailbox'
            Folder = 'Email/Administration'
            Synopsis = 'Creates a room mailbox (a bookable meeting room) in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddRoomMailbox'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Domain'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ResourceCapacity'; Type = 'int' }
            )
            Body = @{
                tenantID = '$CustomerTenantID'
                displayName = '$DisplayName'
                username = '$Username'
                domain = '$Domain'
                userPrincipalName = '"$Username@$Domain"'
                resourceCapacity = '$ResourceCapacity'
            }
        }
        @{
            Name = 'Add-CIPPSharedMailbox'
            Folder = 'Email/Administration'
            Synopsis = 'Creates a shared mailbox in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddSharedMailbox'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Domain'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AddedAliases'; Type = 'array' }
            )
            Body = @{
                AddedAliases = '$AddedAliases'
                displayName = '$DisplayName'
                domain = '$Domain'
                tenantID = '$CustomerTenantID'
                username = '$Username'
            }
        }
        @{
            Name = 'Convert-CIPPMailbox'
            Folder = 'Email/Administration'
            Synopsis = 'Converts a mailbox to another type (for example from user to shared mailbox).'
            Aliases = @('Set-CIPPConvertMailbox')
            Method = 'POST'
            Endpoint = '/api/ExecConvertMailbox'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string' }
                @{ Name = 'MailboxType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Shared', 'Regular', 'Room', 'Equipment') }
            )
            Body = @{
                id = '$UserID'
                MailboxType = '$MailboxType'
                tenantFilter = '$CustomerTenantID'
                Username = '$Username'
            }
        }
        @{
            Name = 'Get-CIPPCalendarPerms'
            DefaultParameterSet = 'UserID'
            Folder = 'Email/Administration'
            Synopsis = 'Gets the calendar permissions of a mailbox.'
            Method = 'GET'
            Endpoint = '/api/listcalendarpermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true; Position = 0 }
                @{ Name = 'UserID'; Type = 'string'; Sets = @('UserID!'); Position = 1 }
                @{ Name = 'UseReportDB'; Type = 'switch'; Sets = @('ReportDB!') }
            )
            # 1.2.13: -UseReportDB reads CIPP's report database for the whole tenant, so no user is sent then.
            QueryIf = @{
                userId = @{ If = '-not $UseReportDB'; Value = '$UserID' }
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPContactPermissions'
            Folder = 'Email/Administration'
            Synopsis = 'Gets contact permissions for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListContactPermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UserID = '$UserID'
            }
        }
        @{
            Name = 'Get-CIPPContactTemplates'
            Folder = 'Email/Administration'
            Synopsis = 'Gets contact templates.'
            Method = 'GET'
            Endpoint = '/api/ListContactTemplates'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string' }
            )
            QueryIf = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPContacts'
            Folder = 'Email/Administration'
            Synopsis = 'Gets contacts for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listcontacts'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ContactID'; Type = 'guid' }
            )
            Query = @{
                contactid = '$ContactID'
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: contactid sent as empty string when omitted
        }
        @{
            Name = 'Get-CIPPExchangeTransportRuleTemplates'
            Folder = 'Email/Administration'
            Synopsis = 'Gets exchange transport rule templates.'
            Method = 'GET'
            Endpoint = '/api/ListTransportRulesTemplates'
        }
        @{
            Name = 'Get-CIPPMailQuarantine'
            Folder = 'Email/Administration'
            Synopsis = 'Gets mail quarantine for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmailquarantine'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxMobileDevices'
            Folder = 'Email/Administration'
            Synopsis = 'Gets mailbox mobile devices for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListMailboxMobileDevices'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Mailbox'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                mailbox = '$Mailbox'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxPermissions'
            DefaultParameterSet = 'UserID'
            Folder = 'Email/Administration'
            Synopsis = 'Gets mailbox permissions for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmailboxpermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true; Position = 0 }
                @{ Name = 'UserID'; Type = 'string'; Sets = @('UserID!'); Position = 1 }
                @{ Name = 'UseReportDB'; Type = 'switch'; Sets = @('ReportDB!') }
            )
            # 1.2.13: -UseReportDB reads CIPP's report database for the whole tenant, so no user is sent then.
            QueryIf = @{
                userid = @{ If = '-not $UseReportDB'; Value = '$UserID' }
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxRules'
            Folder = 'Email/Administration'
            Synopsis = 'Gets mailbox rules for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmailboxrules'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPMailboxes'
            Folder = 'Email/Administration'
            Synopsis = 'Gets mailboxes for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListMailboxes'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SoftDeletedMailboxes'; Type = 'switch' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
                SoftDeletedMailbox = @{ If = '$SoftDeletedMailboxes'; Value = "'true'" }
            }
        }
        @{
            Name = 'Get-CIPPOutOfOffice'
            Folder = 'Email/Administration'
            Synopsis = 'Gets out of office for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listooo'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userid = '$UserID'
            }
        }
        @{
            Name = 'Get-CIPPRestrictedUsers'
            Folder = 'Email/Administration'
            Synopsis = 'Gets restricted users for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListRestrictedUsers'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPUserMailboxDetails'
            Folder = 'Email/Administration'
            Synopsis = 'Gets user mailbox details for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listusermailboxdetails'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userId = '$UserID'
            }
        }
        @{
            Name = 'Get-CIPPUserMailboxRules'
            Folder = 'Email/Administration'
            Synopsis = 'Gets user mailbox rules for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listusermailboxrules'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userId = '$UserID'
            }
        }
        @{
            Name = 'Remove-CIPPContact'
            Folder = 'Email/Administration'
            Synopsis = 'Deletes a mail contact from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveContact'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ContactGuid'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$ContactGuid'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPContactTemplates'
            Folder = 'Email/Administration'
            Synopsis = 'Deletes a saved mail contact template from CIPP.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveContactTemplates'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Remove-CIPPRestrictedUser'
            Folder = 'Email/Administration'
            Synopsis = 'Removes restricted user.'
            Method = 'POST'
            Endpoint = '/api/ExecRemoveRestrictedUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'SenderAddress'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                SenderAddress = '$SenderAddress'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPCalendarPermissions'
            Folder = 'Email/Administration'
            Synopsis = 'Grants, changes or removes a user''s permission on another mailbox''s calendar.'
            Method = 'GET'
            Endpoint = '/api/execeditcalendarpermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Permissions'; Type = 'string'; ValidateSet = @('Author', 'Contributor', 'Editor', 'Owner', 'Non Editing Author', 'Publishing Author', 'Publishing Editor', 'Reviewer', 'LimitedDetails', 'AvailabilityOnly') }
                @{ Name = 'Userid'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RemoveAccess'; Type = 'string' }
                @{ Name = 'usertogetpermissions'; Type = 'string' }
                @{ Name = 'FolderName'; Type = 'string'; Default = "'Calendar'" }
            )
            Query = @{
                FolderName = '$FolderName'
                permissions = '$Permissions'
                removeaccess = '$RemoveAccess'
                TenantFilter = '$CustomerTenantID'
                userid = '$Userid'
                usertogetpermissions = '$usertogetpermissions'
            }
        }
        @{
            Name = 'Set-CIPPContact'
            Folder = 'Email/Administration'
            Synopsis = 'Changes a mail contact: reads it first and keeps current values for parameters not given.'
            Method = 'POST'
            Endpoint = '/api/Editcontact'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ContactID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string' }
                @{ Name = 'ExternalEmailAddress'; Type = 'string' }
                @{ Name = 'FirstName'; Type = 'string' }
                @{ Name = 'LastName'; Type = 'string' }
                @{ Name = 'JobTitle'; Type = 'string' }
                @{ Name = 'StreetAddress'; Type = 'string' }
                @{ Name = 'PostalCode'; Type = 'string' }
                @{ Name = 'City'; Type = 'string' }
                @{ Name = 'Country'; Type = 'string' }
                @{ Name = 'MobilePhone'; Type = 'string' }
                @{ Name = 'PhoneNumber'; Type = 'string' }
            )
            Handler = 'Invoke-CIPPSetContactHook'
        }
        @{
            Name = 'Set-CIPPCopyToSent'
            Folder = 'Email/Administration'
            Synopsis = 'Sets whether messages sent as or on behalf of a mailbox also keep a copy in its Sent Items.'
            Method = 'POST'
            Endpoint = '/api/ExecCopyForSent'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'MessageCopyState'; Type = 'bool'; Default = '$true'; Alias = 'MessageCopyForSentAsEnabled' }
            )
            Body = @{
                ID = '$UserID'
                messageCopyState = '$MessageCopyState'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPEnableArchive'
            Folder = 'Email/Administration'
            Synopsis = 'Enables the online archive of a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecEnableArchive'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string' }
            )
            Body = @{
                ID = '$UserID'
                tenantFilter = '$CustomerTenantID'
                username = '$Username'
            }
        }
        @{
            Name = 'Set-CIPPHideFromGAL'
            Folder = 'Email/Administration'
            Synopsis = 'Hides a mailbox from, or shows it in, the global address list.'
            Method = 'POST'
            Endpoint = '/api/ExecHideFromGAL'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'HideFromGAL'; Type = 'string'; Mandatory = $true; ValidateSet = @('true', 'false') }
            )
            Body = @{
                HidefromGAL = '$HideFromGAL'
                ID = '$UserID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPLitigationHold'
            Folder = 'Email/Administration'
            Synopsis = 'Places a mailbox on litigation hold, or releases it.'
            Method = 'POST'
            Endpoint = '/api/ExecSetLitigationHold'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Disable'; Type = 'switch' }
                @{ Name = 'Days'; Type = 'int'; Default = '0' }
            )
            Body = @{
                days = '$Days'
                disable = '$Disable.IsPresent'
                Identity = '$Identity'
                tenantFilter = '$CustomerTenantID'
                UPN = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPMailboxEmailSize'
            DefaultParameterSet = 'Both_UPN'
            Folder = 'Email/Administration'
            Synopsis = 'Sets the maximum send and/or receive message size of a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecSetMailboxEmailSize'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Sets = @('SendOnly_UPN!', 'ReceiveOnly_UPN!', 'Both_UPN!') }
                @{ Name = 'UserId'; Type = 'string'; Sets = @('SendOnly_ID!', 'ReceiveOnly_ID!', 'Both_ID!') }
                @{ Name = 'MaxSendSize'; Type = 'int'; Sets = @('SendOnly_UPN!', 'SendOnly_ID!', 'Both_UPN!', 'Both_ID!'); ValidateRange = @(1, 150) }
                @{ Name = 'MaxReceiveSize'; Type = 'int'; Sets = @('ReceiveOnly_UPN!', 'ReceiveOnly_ID!', 'Both_UPN!', 'Both_ID!'); ValidateRange = @(1, 150) }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
            }
            BodyIf = @{
                id = '$UserId'
                maxReceiveSize = '$MaxReceiveSize'
                maxSendSize = '$MaxSendSize'
                UPN = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPMailboxForwarding'
            Folder = 'Email/Administration'
            Synopsis = 'Sets or removes forwarding on a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecEmailForward'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisableForwarding'; Type = 'bool' }
                @{ Name = 'ForwardExternalEmailAddress'; Type = 'string' }
                @{ Name = 'ForwardInternalEmailAddress'; Type = 'string' }
                @{ Name = 'KeepCopy'; Type = 'bool' }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                ForwardExternal = '$ForwardExternalEmailAddress'
                ForwardInternal = '@{ value = $ForwardInternalEmailAddress; label = "$ForwardInternalEmailAddress - $ForwardInternalEmailAddress" }'
                KeepCopy = '$KeepCopy'
                userid = '$UserID'
                disableForwarding = '$DisableForwarding'
            }
            # Addition (contract section 8): CIPP 10.x acts on forwardOption only.
            BodyIf = @{
                forwardOption = @{ If = '$DisableForwarding -or $ForwardExternalEmailAddress -or $ForwardInternalEmailAddress'; Value = '$DisableForwarding ? ''disabled'' : ($ForwardExternalEmailAddress ? ''ExternalAddress'' : ''internalAddress'')' }
            }
        }
        @{
            Name = 'Set-CIPPMailboxLocale'
            Folder = 'Email/Administration'
            Synopsis = 'Sets the language and regional settings of a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecSetMailboxLocale'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Locale'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                locale = '$Locale'
                tenantFilter = '$CustomerTenantID'
                user = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPMailboxMobileDevices'
            Folder = 'Email/Administration'
            Synopsis = 'Quarantines, allows or deletes a mobile device of a mailbox.'
            Method = 'GET'
            Endpoint = '/api/execmailboxmobiledevices'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceID'; Type = 'string' }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Quarantine'; Type = 'string'; ValidateSet = @('true', 'False') }
                @{ Name = 'Delete'; Type = 'string'; Default = "'False'"; ValidateSet = @('true', 'False') }
                @{ Name = 'DeviceGUID'; Type = 'guid' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                Userid = '$UserID'
            }
            QueryIf = @{
                DeviceID = @{ If = '$Quarantine'; Value = '$DeviceID' }
                Quarantine = '$Quarantine'
                Delete = @{ If = '-not $Quarantine'; Value = '$Delete' }
                GUID = @{ If = '-not $Quarantine'; Value = '$DeviceGUID' }
            }
        }
        @{
            Name = 'Set-CIPPMailboxPermissions'
            Folder = 'Email/Administration'
            Synopsis = 'Adds or removes full access, send as and send on behalf permissions on a mailbox.'
            Method = 'POST'
            Endpoint = '/api/execeditmailboxpermissions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Userid'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RemoveFullAccess'; Type = 'array'; Default = '@()' }
                @{ Name = 'AddFullAccessAutoMap'; Type = 'array'; Default = '@()' }
                @{ Name = 'AddFullAccessNoAutoMap'; Type = 'array'; Default = '@()' }
                @{ Name = 'AddSendAs'; Type = 'array'; Default = '@()' }
                @{ Name = 'RemoveSendAs'; Type = 'array'; Default = '@()' }
                @{ Name = 'AddSendOnBehalf'; Type = 'array'; Default = '@()' }
                @{ Name = 'RemoveSendOnBehalf'; Type = 'array'; Default = '@()' }
            )
            Body = @{
                TenantFilter = '$CustomerTenantID'
                UserID = '$Userid'
                RemoveFullAccess = 'ConvertTo-CIPPFormattedArray -Array $RemoveFullAccess -Prefix ''Remove Full Access'''
                AddFullAccess = 'ConvertTo-CIPPFormattedArray -Array $AddFullAccessAutoMap -Prefix ''Add Full Access AutoMap'''
                AddFullAccessNoAutoMap = 'ConvertTo-CIPPFormattedArray -Array $AddFullAccessNoAutoMap -Prefix ''Add Full Access No AutoMap'''
                AddSendAs = 'ConvertTo-CIPPFormattedArray -Array $AddSendAs -Prefix ''Add Send As'''
                RemoveSendAs = 'ConvertTo-CIPPFormattedArray -Array $RemoveSendAs -Prefix ''Remove Send As'''
                AddSendOnBehalf = 'ConvertTo-CIPPFormattedArray -Array $AddSendOnBehalf -Prefix ''Add Send On Behalf'''
                RemoveSendOnBehalf = 'ConvertTo-CIPPFormattedArray -Array $RemoveSendOnBehalf -Prefix ''Remove Send On Behalf'''
            }
        }
        @{
            Name = 'Set-CIPPMailboxQuota'
            Folder = 'Email/Administration'
            Synopsis = 'Sets a mailbox quota (prohibit send, warning, or prohibit send and receive).'
            Method = 'POST'
            Endpoint = '/api/ExecSetMailboxQuota'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ProhibitSendQuota'; Type = 'string' }
                @{ Name = 'IssueWarningQuota'; Type = 'string' }
                @{ Name = 'ProhibitSendReceiveQuota'; Type = 'string' }
            )
            Handler = 'Invoke-CIPPMailboxQuotaHook'
            Example = "Set-CIPPMailboxQuota -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'adele.vance@contoso.onmicrosoft.com' -ProhibitSendQuota '49GB'"
        }
        @{
            Name = 'Set-CIPPOOO'
            Folder = 'Email/Administration'
            Synopsis = 'Sets the out-of-office (automatic reply) state and messages of a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecSetOoO'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'User'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AutoreplyState'; Type = 'string'; Mandatory = $true; ValidateSet = @('Scheduled', 'Disabled', 'Enabled') }
                @{ Name = 'ExternalMessage'; Type = 'string' }
                @{ Name = 'InternalMessage'; Type = 'string' }
                @{ Name = 'EndTime'; Type = 'datetime' }
                @{ Name = 'StartTime'; Type = 'datetime' }
            )
            Validate = 'Assert-CIPPOOOArguments'
            Example = "Set-CIPPOOO -CustomerTenantID 'contoso.onmicrosoft.com' -User 'adele.vance@contoso.onmicrosoft.com' -AutoreplyState 'Scheduled' -StartTime (Get-Date).Date.AddDays(1) -EndTime (Get-Date).Date.AddDays(15) -InternalMessage 'I am on leave for two weeks. The service desk can help in the meantime.' -ExternalMessage 'I am out of the office and will reply when I am back.'"
            # Fix (contract section 7 row 9): 1.2.12 also sent input = the automatic $input enumerator; omitted.
            Body = @{
                TenantFilter = '$CustomerTenantID'
                User = '$User'
                AutoReplyState = '$AutoreplyState'
                ExternalMessage = '$ExternalMessage'
                InternalMessage = '$InternalMessage'
                endtime = '$EndTime'
                starttime = '$StartTime'
                userId = '$User'
            }
        }
        @{
            Name = 'Set-CIPPQuarantineManagement'
            Folder = 'Email/Administration'
            Synopsis = 'Releases or denies a quarantined message.'
            Method = 'POST'
            Endpoint = '/api/ExecQuarantineManagement'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Mandatory = $true; Alias = 'ID' }
                @{ Name = 'AllowSender'; Type = 'string'; ValidateSet = @('true', 'false') }
                @{ Name = 'Type'; Type = 'string'; Mandatory = $true; ValidateSet = @('Deny', 'Release') }
            )
            # Fix (contract section 7 row 4): 1.2.12 sent Identity = null.
            Body = @{
                tenantFilter = '$CustomerTenantID'
                Identity = '$Identity'
                AllowSender = '$AllowSender'
                Type = '$Type'
            }
        }
        @{
            Name = 'Set-CIPPRecipientLimits'
            Folder = 'Email/Administration'
            Synopsis = 'Sets the maximum number of recipients per message for a mailbox.'
            Method = 'POST'
            Endpoint = '/api/ExecSetRecipientLimits'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RecipientLimit'; Type = 'int'; Mandatory = $true; ValidateRange = @(1, 1000) }
            )
            Body = @{
                Identity = '$Identity'
                recipientLimit = '$RecipientLimit'
                tenantFilter = '$CustomerTenantID'
                userid = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPRetentionHold'
            Folder = 'Email/Administration'
            Synopsis = 'Places a mailbox on retention hold (retention policies paused), or releases it.'
            Method = 'POST'
            Endpoint = '/api/ExecSetRetentionHold'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Disable'; Type = 'switch' }
            )
            Body = @{
                disable = '$Disable.IsPresent'
                Identity = '$Identity'
                tenantFilter = '$CustomerTenantID'
                UPN = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Start-CIPPManagedFolderAssistant'
            DefaultParameterSet = 'Identity'
            Folder = 'Email/Administration'
            Synopsis = 'Starts the Managed Folder Assistant on a mailbox, so retention and archive policies are applied now.'
            Method = 'POST'
            Endpoint = '/api/ExecStartManagedFolderAssistant'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Sets = @('Identity!') }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Sets = @('UPN!') }
            )
            Body = @{
                id = '$Identity'
                tenantFilter = '$CustomerTenantID'
                UserPrincipalName = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Get-CIPPEnabledSharedMailboxes'
            Folder = 'Email/Reports'
            Synopsis = 'Gets enabled shared mailboxes for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listsharedmailboxaccountenabled'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPGlobalAddressList'
            Folder = 'Email/Reports'
            Synopsis = 'Gets global address list for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListGlobalAddressList'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxCAS'
            Folder = 'Email/Reports'
            Synopsis = 'Gets mailbox CAS for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListMailboxCAS'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxStatistics'
            Folder = 'Email/Reports'
            Synopsis = 'Gets mailbox usage statistics of a customer tenant for a period.'
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TimePeriod'; Type = 'string'; Default = "'D7'"; ValidateSet = @('D7', 'D30', 'D90', 'D180') }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                Endpoint = '"reports/getMailboxUsageDetail(period=''$TimePeriod'')"'
                '$format' = "'application/json'"
            }
        }
        @{
            Name = 'Add-CIPPEquipmentMailbox'
            Folder = 'Email/Resources'
            Synopsis = 'Creates an equipment mailbox (a bookable resource such as a projector or car) in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddEquipmentMailbox'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                displayName = '$DisplayName'
                tenantID = '$CustomerTenantID'
                username = '$Username'
                userPrincipalName = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Get-CIPPEquipment'
            Folder = 'Email/Resources'
            Synopsis = 'Gets equipment for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListEquipment'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'EquipmentID'; Type = 'string' }
            )
            Query = @{
                EquipmentID = '$EquipmentID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPRoomLists'
            Folder = 'Email/Resources'
            Synopsis = 'Gets room lists for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListRoomLists'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPRooms'
            Folder = 'Email/Resources'
            Synopsis = 'Gets rooms for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListRooms'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RoomID'; Type = 'string' }
            )
            Query = @{
                RoomID = '$RoomID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Add-CIPPTenantAllowBlockList'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Adds entries to the tenant allow/block list.'
            Method = 'POST'
            Endpoint = '/api/AddTenantAllowBlockList'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Entries'; Type = 'any'; Mandatory = $true }
                @{ Name = 'ListType'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ListMethod'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Notes'; Type = 'string' }
                @{ Name = 'NoExpiration'; Type = 'switch' }
                @{ Name = 'RemoveAfter'; Type = 'switch' }
            )
            Body = @{
                entries = '$Entries'
                listMethod = '$ListMethod'
                listType = '$ListType'
                tenantId = '$CustomerTenantID'
            }
            BodyIf = @{
                NoExpiration = @{ If = '$NoExpiration'; Value = '$true' }
                notes = '$Notes'
                RemoveAfter = @{ If = '$RemoveAfter'; Value = '$true' }
            }
        }
        @{
            Name = 'Get-CIPPAntiPhishingFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets anti phishing filter for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAntiPhishingFilters'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPConnectionFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets connection filter for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListConnectionFilter'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailQuarantineMessage'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets mail quarantine message for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListMailQuarantineMessage'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                Identity = '$Identity'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMalwareFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets malware filter for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListMalwareFilters'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPPhishPolicies'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Lists the anti-phishing policies of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listphishpolicies'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPQuarantinePolicy'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets quarantine policy for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListQuarantinePolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Type'; Type = 'string'; Default = "'QuarantinePolicy'"; ValidateSet = @('QuarantinePolicy', 'GlobalQuarantinePolicy') }
            )
            Query = @{
                TenantFilter = '$CustomerTenantID'
                Type = '$Type'
            }
        }
        @{
            Name = 'Get-CIPPSafeAttachmentFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets safe attachment filter for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListSafeAttachmentsFilters'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPSafeLinkFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Lists the Safe Links policies of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListSafeLinksFilters'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPSpamFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets spam filter for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listspamfilter'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPSpamFilterTemplates'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets spam filter templates.'
            Method = 'GET'
            Endpoint = '/api/listspamfiltertemplates'
            Parameters = @(
                @{ Name = 'TemplateID'; Type = 'string' }
            )
            Query = @{
                id = '$TemplateID'
            }
        }
        @{
            Name = 'Get-CIPPTenantAllowBlockList'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Gets the tenant allow/block list of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTenantAllowBlockList'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPQuarantinePolicy'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Deletes a quarantine policy from a customer tenant.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveQuarantinePolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Name'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                Identity = '$Identity'
                Name = '$Name'
                TenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPSpamFilter'
            Folder = 'Email/Spamfilter'
            Synopsis = 'Enables or disables a spam filter (content filter) policy.'
            Method = 'POST'
            Endpoint = '/api/EditSpamfilter'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Guid'; Type = 'guid' }
                @{ Name = 'Name'; Type = 'string'; Mandatory = $true }
                @{ Name = 'State'; Type = 'string'; Mandatory = $true; ValidateSet = @('Enable', 'Disable') }
            )
            Body = @{
                guid = '$Guid'
                name = '$Name'
                State = '$State'
                tenantFilter = '$CustomerTenantID'
            }
            # Addition (contract section 8): CIPP 10.x reads tenantFilter from the query.
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMailboxRestores'
            Folder = 'Email/Tools'
            Synopsis = 'Gets mailbox restores for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmailboxrestores'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Identity'; Type = 'string' }
                @{ Name = 'Includereport'; Type = 'switch' }
                @{ Name = 'Statistics'; Type = 'switch' }
            )
            Query = @{
                identity = '$Identity'
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                IncludeReport = @{ If = '$Includereport'; Value = "'true'" }
                Statistics = @{ If = '$Statistics'; Value = "'true'" }
            }
        }
        @{
            Name = 'Get-CIPPMessageTrace'
            Folder = 'Email/Tools'
            Synopsis = 'Gets message trace for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmessagetrace'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Days'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Sender'; Type = 'string' }
                @{ Name = 'Recipient'; Type = 'string' }
            )
            Query = @{
                days = '$Days'
                recipient = '$Recipient'
                sender = '$Sender'
                tenantFilter = '$CustomerTenantID'
            }
            # Addition (contract section 8): CIPP 10.x reads these from the body.
            Body = @{
                tenantFilter = '$CustomerTenantID'
                days = '$Days'
                sender = '$Sender'
                recipient = '$Recipient'
            }
        }
        @{
            Name = 'Get-CIPPExchangeConnectorTemplates'
            Folder = 'Email/Transport'
            Synopsis = 'Gets exchange connector templates.'
            Method = 'GET'
            Endpoint = '/api/listexconnectortemplates'
        }
        @{
            Name = 'Get-CIPPExchangeConnectors'
            Folder = 'Email/Transport'
            Synopsis = 'Gets exchange connectors for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listexchangeconnectors'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTransportRule'
            CompatAliases = @('Get-CIPPTransportRules')
            Folder = 'Email/Transport'
            Synopsis = 'Lists the Exchange Online transport (mail flow) rules of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListTransportRules'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPTransportRulesTemplates'
            Folder = 'Email/Transport'
            Synopsis = 'Lists the transport rules of a customer tenant (calls the rules endpoint, as 1.2.12 did).'
            Method = 'GET'
            Endpoint = '/api/listtransportrules'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: BUG: calls /api/listtransportrules (rules, not templates)
        }
        @{
            Name = 'Remove-CIPPConnectionFilterTemplate'
            Folder = 'Email/Transport'
            Synopsis = 'Deletes a saved connection filter template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveConnectionfilterTemplate'
            Parameters = @(
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                id = '$TemplateId'
            }
        }
        @{
            Name = 'Remove-CIPPExConnector'
            Folder = 'Email/Transport'
            Synopsis = 'Removes an Exchange connector.'
            Method = 'POST'
            Endpoint = '/api/RemoveExConnector'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ConnectorGuid'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'ConnectorType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Receive', 'Send') }
            )
            Body = @{
                GUID = '$ConnectorGuid'
                tenantFilter = '$CustomerTenantID'
                Type = '$ConnectorType'
            }
        }
        @{
            Name = 'Remove-CIPPExConnectorTemplate'
            Folder = 'Email/Transport'
            Synopsis = 'Removes an Exchange connector template.'
            Method = 'POST'
            Endpoint = '/api/RemoveExConnectorTemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPSpamFilter'
            Folder = 'Email/Transport'
            Synopsis = 'Deletes a spam filter (content filter) policy from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveSpamfilter'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Name'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                name = '$Name'
                tenantFilter = '$CustomerTenantID'
            }
            # Addition (contract section 8): CIPP 10.x reads tenantFilter from the query.
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPSpamFilterTemplate'
            Folder = 'Email/Transport'
            Synopsis = 'Deletes a saved spam filter template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveSpamfilterTemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPTransportRule'
            Folder = 'Email/Transport'
            Synopsis = 'Deletes an Exchange transport (mail flow) rule from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveTransportRule'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'RuleGuid'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                guid = '$RuleGuid'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPTransportRuleTemplate'
            Folder = 'Email/Transport'
            Synopsis = 'Deletes a saved transport rule template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveTransportRuleTemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPExchConnector'
            Folder = 'Email/Transport'
            Synopsis = 'Enables or disables an Exchange connector.'
            Method = 'POST'
            Endpoint = '/api/EditExConnector'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'State'; Type = 'string'; Mandatory = $true; ValidateSet = @('Enable', 'Disable') }
                @{ Name = 'Guid'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'Type'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                GUID = '$Guid'
                State = '$State'
                tenantFilter = '$CustomerTenantID'
                Type = '$Type'
            }
        }
        @{
            Name = 'Set-CIPPTransportRule'
            Folder = 'Email/Transport'
            Synopsis = 'Enables or disables an Exchange transport rule.'
            Method = 'POST'
            Endpoint = '/api/EditTransportRule'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'State'; Type = 'string'; Mandatory = $true; ValidateSet = @('Enable', 'Disable') }
                @{ Name = 'Guid'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$Guid'
                State = '$State'
                tenantFilter = '$CustomerTenantID'
            }
        }
    )
}
