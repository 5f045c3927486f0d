# CIPPAPIModule command catalog: Identity commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        @{
            Name = 'Remove-CIPPDevice'
            Folder = 'Identity/Administration/Devices'
            Synopsis = 'Deletes a device from Entra ID in a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/ExecDeviceDelete'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                action = "'Delete'"
                ID = '$DeviceID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPRoles'
            Folder = 'Identity/Administration'
            Synopsis = 'Gets roles for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listroles'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPGroupTemplates'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Gets group templates.'
            Method = 'GET'
            Endpoint = '/api/ListGroupTemplates'
            Parameters = @(
                @{ Name = 'TemplateID'; Type = 'string' }
            )
            Query = @{
                id = '$TemplateID'
            }
        }
        @{
            Name = 'Get-CIPPGroups'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Lists the groups of a customer tenant, or one group with members or owners.'
            Method = 'GET'
            Endpoint = '/api/ListGroups'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupID'; Type = 'guid' }
                @{ Name = 'Members'; Type = 'switch' }
                @{ Name = 'Owners'; Type = 'switch' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Validate = 'Assert-CIPPGroupsArguments'
            Query = @{
                tenantFilter = '$CustomerTenantID'
                GroupID = '$GroupID'
                members = '$Members ? $true : '''''
                owners = '$Owners ? $true : '''''
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Remove-CIPPGroup'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Deletes a group (security, Microsoft 365 or distribution) from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/ExecGroupsDelete'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'GroupType'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                DisplayName = '$DisplayName'
                GroupType = '$GroupType'
                ID = '$GroupID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPGroupTemplate'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Deletes a saved group template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveGroupTemplate'
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
            Name = 'Set-CIPPGroupDeliveryManagement'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Sets whether a group accepts mail from senders outside the organisation.'
            Method = 'POST'
            Endpoint = '/api/ExecGroupsDeliveryManagement'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'GroupType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Distribution List', 'Mail-Enabled Security', 'Microsoft 365') }
                @{ Name = 'OnlyAllowInternal'; Type = 'string'; Mandatory = $true; ValidateSet = @('true', 'false') }
            )
            Body = @{
                GroupType = '$GroupType'
                ID = '$GroupID'
                OnlyAllowInternal = '$OnlyAllowInternal'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPGroupHideFromGAL'
            Folder = 'Identity/Administration/Groups'
            Synopsis = 'Hides a group from the global address list, or shows it again.'
            Method = 'POST'
            Endpoint = '/api/ExecGroupsHideFromGAL'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'GroupType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Distribution List', 'Mail-Enabled Security', 'Microsoft 365', 'Security') }
                @{ Name = 'HideFromGAL'; Type = 'string'; Mandatory = $true; ValidateSet = @('true', 'false') }
            )
            Body = @{
                GroupType = '$GroupType'
                HideFromGAL = '$HideFromGAL'
                ID = '$GroupID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Add-CIPPGuest'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Invites an external user as a guest into a customer tenant, optionally sending the invitation email.'
            Method = 'POST'
            Endpoint = '/api/AddGuest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'EmailAddress'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Message'; Type = 'string' }
                @{ Name = 'RedirectURL'; Type = 'string' }
                @{ Name = 'SendInvite'; Type = 'bool'; Default = '$true' }
            )
            Body = @{
                displayName = '$DisplayName'
                mail = '$EmailAddress'
                message = '$Message'
                redirectUri = '$RedirectURL'
                sendInvite = '$SendInvite'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Add-CIPPUser'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Creates a user (now or scheduled).'
            Method = 'POST'
            Endpoint = '/api/adduser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AutoPassword'; Type = 'bool'; Default = '$true' }
                @{ Name = 'FirstName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'LastName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Domain'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AddedAliases'; Type = 'string' }
                @{ Name = 'CopyFrom'; Type = 'string' }
                @{ Name = 'UsageLocation'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Department'; Type = 'string' }
                @{ Name = 'City'; Type = 'string' }
                @{ Name = 'Country'; Type = 'string' }
                @{ Name = 'Jobtitle'; Type = 'string' }
                @{ Name = 'MobilePhone'; Type = 'string' }
                @{ Name = 'BusinessPhone'; Type = 'string' }
                @{ Name = 'StreetAddress'; Type = 'string' }
                @{ Name = 'PostalCode'; Type = 'string' }
                @{ Name = 'CompanyName'; Type = 'string' }
                @{ Name = 'Manager'; Type = 'string' }
                @{ Name = 'MustChangePass'; Type = 'bool'; Default = '$true' }
                @{ Name = 'ScheduledFor'; Type = 'datetime' }
                @{ Name = 'SendResultsToEmail'; Type = 'switch' }
                @{ Name = 'SendResultsToPSA'; Type = 'switch' }
                @{ Name = 'SendResultsToWebhook'; Type = 'switch' }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                displayName = '$DisplayName'
                mailNickname = '$UserName'
                Autopassword = '$AutoPassword'
                givenName = '$FirstName'
                surname = '$LastName'
                primDomain = '@{ label = $Domain; value = $Domain; addedFields = @{} }'
                AddedAliases = '$AddedAliases'
                CopyFrom = '$CopyFrom'
                Usagelocation = '@{ value = $UsageLocation; label = $UsageLocation }'
                MustChangePass = '$MustChangePass'
                removeLicenses = '$false'
                Scheduled = 'New-CIPPScheduleBlock -ScheduledFor $ScheduledFor'
                PostExecution = 'New-CIPPPostExecutionBlock -Webhook $SendResultsToWebhook -PSA $SendResultsToPSA -Email $SendResultsToEmail'
            }
            BodyIf = @{
                Country = '$Country'
                PostalCode = '$PostalCode'
                CompanyName = '$CompanyName'
                streetAddress = '$StreetAddress'
                MobilePhone = '$MobilePhone'
                BusinessPhone = '$BusinessPhone'
                Jobtitle = '$Jobtitle'
                Department = '$Department'
                City = '$City'
                setManager = @{ If = '$Manager'; Value = '@{ value = $Manager }' }
            }
        }
        @{
            Name = 'Clear-CIPPImmutableID'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Clears the on-premises immutable ID of a user, so the cloud account is no longer matched to an on-premises account.'
            Aliases = @('Set-CIPPClrImmID')
            Method = 'POST'
            Endpoint = '/api/ExecClrImmId'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                Id = '$UserID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Clear-CIPPRiskyUser'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Dismisses the risk state of a risky user in Entra ID Protection.'
            Method = 'POST'
            Endpoint = '/api/ExecDismissRiskyUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserId'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserDisplayName'; Type = 'string' }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                userId = '$UserId'
            }
            BodyIf = @{
                userDisplayName = '$UserDisplayName'
            }
        }
        @{
            Name = 'Get-CIPPBECCheck'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Runs a business email compromise check on a user and waits for the report.'
            Method = 'GET'
            Endpoint = '/api/execbeccheck'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserName'; Type = 'string'; Mandatory = $true }
            )
            Handler = 'Invoke-CIPPBECCheckHook'
        }
        @{
            Name = 'Get-CIPPDeletedItems'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets deleted items for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listdeleteditems'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            # Fix (contract section 7 row 2): userId is always empty (1.2.12 read an undefined variable).
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userId = "''"
            }
        }
        @{
            Name = 'Get-CIPPJITAdmin'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets JIT admin for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListJITAdmin'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                TenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPPerUserMFA'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets per user MFA for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListPerUserMFA'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserId'; Type = 'string' }
                @{ Name = 'AllUsers'; Type = 'switch' }
            )
            Query = @{
                allUsers = '$AllUsers.IsPresent'
                tenantFilter = '$CustomerTenantID'
                userId = '$UserId'
            }
            # contract note: allUsers always sent (True/False)
        }
        @{
            Name = 'Get-CIPPUniversalSearch'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets universal search.'
            Method = 'GET'
            Endpoint = '/api/execuniversalsearch'
            Parameters = @(
                @{ Name = 'Name'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                name = '$Name'
            }
        }
        @{
            Name = 'Get-CIPPUserCAPolicies'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user CA policies for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listuserconditionalaccesspolicies'
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
            Name = 'Get-CIPPUserCounts'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user counts for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listusercounts'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPUserDevices'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user devices for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listuserdevices'
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
            Name = 'Get-CIPPUserGroups'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user groups for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listusergroups'
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
            Name = 'Get-CIPPUserPhoto'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user photo for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listuserphoto'
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
            Name = 'Get-CIPPUserSignIns'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Gets user sign ins for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listusersigninlogs'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'guid'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userId = '$UserID'
            }
            # contract note: UserID typed [guid]
        }
        @{
            Name = 'Get-CIPPUsers'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Lists the users of a customer tenant, or one user.'
            Method = 'GET'
            Endpoint = '/api/Listusers'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                userId = '$UserID'
            }
            # contract note: userId sent as empty string when omitted
        }
        @{
            Name = 'Initialize-CIPPUserOneDrive'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Pre-provisions the OneDrive of a user, so it exists before the user first signs in.'
            Aliases = @('Set-CIPPPreProvisionOneDrive')
            Method = 'POST'
            Endpoint = '/api/ExecOneDriveProvision'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                UserPrincipalName = '$UserPrincipalName'
            }
        }
        @{
            Name = 'New-CIPPTemporaryAccessPass'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Creates a Temporary Access Pass for a user (a time-limited passcode for signing in or registering methods).'
            Aliases = @('Set-CIPPCreateTAP')
            Method = 'POST'
            Endpoint = '/api/ExecCreateTAP'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$UserID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'New-CIPPUserOffboarding'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Offboards a user (now or scheduled) with the selected actions.'
            Aliases = @('Start-CIPPUserOffboarding')
            Method = 'POST'
            Endpoint = '/api/ExecOffboardUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'User'; Type = 'string'; Mandatory = $true }
                @{ Name = 'OutOfOffice'; Type = 'string' }
                @{ Name = 'ForwardTo'; Type = 'string' }
                @{ Name = 'ForwardKeepCopyInMailbox'; Type = 'switch' }
                @{ Name = 'OnedriveAccessTo'; Type = 'string' }
                @{ Name = 'MailboxAccessNoAutomap'; Type = 'string' }
                @{ Name = 'MailboxAccessAutomap'; Type = 'string' }
                @{ Name = 'ConvertToSharedMailbox'; Type = 'switch' }
                @{ Name = 'HideFromGAL'; Type = 'switch' }
                @{ Name = 'DisableSignIn'; Type = 'switch' }
                @{ Name = 'DeleteUser'; Type = 'switch' }
                @{ Name = 'RemoveFromAllGroups'; Type = 'switch' }
                @{ Name = 'CancelAllCalendarInvites'; Type = 'switch' }
                @{ Name = 'RemoveAllLicenses'; Type = 'switch' }
                @{ Name = 'ResetPassword'; Type = 'switch' }
                @{ Name = 'ClearImmutableId'; Type = 'switch' }
                @{ Name = 'RemoveMFADevices'; Type = 'switch' }
                @{ Name = 'RevokeAllSessions'; Type = 'switch' }
                @{ Name = 'RemoveAllMailboxRules'; Type = 'switch' }
                @{ Name = 'RemoveAllMobileDevices'; Type = 'switch' }
                @{ Name = 'RemoveAllMailboxPermissions'; Type = 'switch' }
                @{ Name = 'ScheduledFor'; Type = 'datetime' }
                @{ Name = 'SendResultsToEmail'; Type = 'switch' }
                @{ Name = 'SendResultsToPSA'; Type = 'switch' }
                @{ Name = 'SendResultsToWebhook'; Type = 'switch' }
            )
            Body = @{
                tenantFilter = '@{ value = $CustomerTenantID }'
                user = '@{ value = $User }'
                Scheduled = 'New-CIPPScheduleBlock -ScheduledFor $ScheduledFor'
                PostExecution = 'New-CIPPPostExecutionBlock -Webhook $SendResultsToWebhook -PSA $SendResultsToPSA -Email $SendResultsToEmail'
            }
            BodyIf = @{
                ConvertToShared = @{ If = '$ConvertToSharedMailbox'; Value = '$true' }
                HideFromGAL = @{ If = '$HideFromGAL'; Value = '$true' }
                removeCalendarInvites = @{ If = '$CancelAllCalendarInvites'; Value = '$true' }
                removePermissions = @{ If = '$RemoveAllMailboxPermissions'; Value = '$true' }
                removeRules = @{ If = '$RemoveAllMailboxRules'; Value = '$true' }
                removeMobile = @{ If = '$RemoveAllMobileDevices'; Value = '$true' }
                RemoveGroups = @{ If = '$RemoveFromAllGroups'; Value = '$true' }
                RemoveLicenses = @{ If = '$RemoveAllLicenses'; Value = '$true' }
                RevokeSessions = @{ If = '$RevokeAllSessions'; Value = '$true' }
                DisableSignIn = @{ If = '$DisableSignIn'; Value = '$true' }
                ClearImmutableId = @{ If = '$ClearImmutableId'; Value = '$true' }
                ResetPass = @{ If = '$ResetPassword'; Value = '$true' }
                RemoveMFADevices = @{ If = '$RemoveMFADevices'; Value = '$true' }
                DeleteUser = @{ If = '$DeleteUser'; Value = '$true' }
                keepCopy = @{ If = '$ForwardKeepCopyInMailbox'; Value = '$true' }
                forward = '$ForwardTo'
                OOO = '$OutOfOffice'
                OnedriveAccess = @{ If = '$OnedriveAccessTo'; Value = '@{ value = $OnedriveAccessTo }' }
                AccessNoAutomap = @{ If = '$MailboxAccessNoAutomap'; Value = '@{ value = $MailboxAccessNoAutomap }' }
                AccessAutomap = @{ If = '$MailboxAccessAutomap'; Value = '@{ value = $MailboxAccessAutomap }' }
            }
        }
        @{
            Name = 'Remove-CIPPDeletedObject'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Permanently deletes an object (user, group or application) from the Entra ID recycle bin.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveDeletedObject'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ID'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                ID = '$ID'
                TenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPUser'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Deletes a user from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'User'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                ID = '$User'
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: User typed [guid]
        }
        @{
            Name = 'Reset-CIPPUserMFA'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Removes the registered MFA methods of a user, so they must register again.'
            Method = 'POST'
            Endpoint = '/api/ExecResetMFA'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$UserPrincipalName'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Reset-CIPPUserPassword'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Resets the password of a user to a new random password, shown in CIPP''s answer.'
            Aliases = @('Set-CIPPResetPassword')
            Method = 'POST'
            Endpoint = '/api/ExecResetPass'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'MustChange'; Type = 'string'; Default = "'true'"; ValidateSet = @('true', 'false') }
                @{ Name = 'DisplayName'; Type = 'string'; Default = '$UserID' }
            )
            Body = @{
                displayName = '$DisplayName'
                Id = '$UserID'
                MustChange = '$MustChange'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Restore-CIPPDeletedUser'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Restores a deleted object (for example a user) from the Entra ID recycle bin.'
            Aliases = @('Set-CIPPRestoreDeletedUser')
            Method = 'POST'
            Endpoint = '/api/ExecRestoreDeleted'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ID'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                Id = '$ID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Revoke-CIPPUserSessions'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Signs a user out everywhere by revoking their refresh tokens and sessions.'
            Aliases = @('Set-CIPPRevokeSessions')
            Method = 'POST'
            Endpoint = '/api/ExecRevokeSessions'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$UserID'
                tenantFilter = '$CustomerTenantID'
                UserName = '$UserName'
            }
        }
        @{
            Name = 'Send-CIPPPush'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Sends push.'
            Method = 'POST'
            Endpoint = '/api/ExecSendPush'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserEmail'; Type = 'string'; Mandatory = $true; Alias = 'User' }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                UserEmail = '$UserEmail'
            }
        }
        @{
            Name = 'Set-BECRemediate'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Remediates a possibly compromised account (business email compromise): blocks sign-in, resets the password, revokes sessions and disables inbox rules.'
            Method = 'POST'
            Endpoint = '/api/execbecremediate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Username'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Userid'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                userid = '$Userid'
                username = '$Username'
            }
        }
        @{
            Name = 'Set-CIPPPasswordNeverExpires'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Sets whether the password of a user never expires.'
            Method = 'POST'
            Endpoint = '/api/ExecPasswordNeverExpires'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserId'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'UserPrincipalName'; Type = 'string' }
                @{ Name = 'PasswordPolicy'; Type = 'string'; Mandatory = $true; ValidateSet = @('DisablePasswordExpiration', 'None') }
            )
            Body = @{
                PasswordPolicy = '$PasswordPolicy'
                tenantFilter = '$CustomerTenantID'
                userId = '$UserId'
                userPrincipalName = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPPerUserMFA'
            DefaultParameterSet = 'UPN'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Sets the legacy per-user MFA state of a user (enabled, disabled or enforced).'
            Method = 'POST'
            Endpoint = '/api/ExecPerUserMFA'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserId'; Type = 'guid'; Sets = @('ID!') }
                @{ Name = 'UserPrincipalName'; Type = 'string'; Sets = @('UPN!') }
                @{ Name = 'State'; Type = 'string'; Mandatory = $true; ValidateSet = @('Enabled', 'Disabled', 'Enforced') }
            )
            Body = @{
                State = '$State'
                tenantFilter = '$CustomerTenantID'
            }
            BodyIf = @{
                userId = '$UserId'
                userPrincipalName = '$UserPrincipalName'
            }
        }
        @{
            Name = 'Set-CIPPSignInStatus'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Blocks or allows sign-in for a user.'
            Method = 'POST'
            Endpoint = '/api/ExecDisableUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Enable'; Type = 'string'; Mandatory = $true; ValidateSet = @('true', 'false') }
            )
            Body = @{
                Enable = '$Enable'
                Id = '$UserID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Set-CIPPUser'
            Folder = 'Identity/Administration/Users'
            Synopsis = 'Changes a user: reads the user first and keeps current values for parameters not given.'
            Method = 'POST'
            Endpoint = '/api/EditUser'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UserID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string' }
                @{ Name = 'UserName'; Type = 'string' }
                @{ Name = 'FirstName'; Type = 'string' }
                @{ Name = 'LastName'; Type = 'string' }
                @{ Name = 'Domain'; Type = 'string' }
                @{ Name = 'AddedAliases'; Type = 'string' }
                @{ Name = 'CopyFrom'; Type = 'string' }
                @{ Name = 'UsageLocation'; Type = 'string' }
                @{ Name = 'Department'; Type = 'string' }
                @{ Name = 'City'; Type = 'string' }
                @{ Name = 'Country'; Type = 'string' }
                @{ Name = 'Jobtitle'; Type = 'string' }
                @{ Name = 'MobilePhone'; Type = 'string' }
                @{ Name = 'StreetAddress'; Type = 'string' }
                @{ Name = 'PostalCode'; Type = 'string' }
                @{ Name = 'CompanyName'; Type = 'string' }
                @{ Name = 'MustChangePass'; Type = 'bool'; Default = '$false' }
                @{ Name = 'AddToGroups'; Type = 'guid[]'; Default = '@()' }
                @{ Name = 'RemoveFromGroups'; Type = 'guid[]'; Default = '@()' }
                @{ Name = 'BusinessPhone'; Type = 'array'; Default = '@()' }
            )
            Handler = 'Invoke-CIPPSetUserHook'
            Example = "Set-CIPPUser -CustomerTenantID 'contoso.onmicrosoft.com' -UserID 'adele.vance@contoso.onmicrosoft.com' -Jobtitle 'Sales Manager'"
        }
        @{
            Name = 'Get-CIPPBasicAuth'
            Folder = 'Identity/Reports'
            Synopsis = 'Gets basic auth for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listbasicauth'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPInactiveAccounts'
            Folder = 'Identity/Reports'
            Synopsis = 'Gets inactive accounts for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listinactiveaccounts'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPMFAUsers'
            Folder = 'Identity/Reports'
            Synopsis = 'Gets MFA users for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listmfausers'
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
            Name = 'Get-CIPPSignIns'
            Folder = 'Identity/Reports'
            Synopsis = 'Gets sign ins for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listsignins'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'FailedLogonOnly'; Type = 'switch' }
                @{ Name = 'Filter'; Type = 'string' }
            )
            Query = @{
                filter = '$Filter'
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                # Addition (contract section 8): the key CIPP 10.x reads.
                failedLogonsOnly = @{ If = '$FailedLogonOnly'; Value = "'true'" }
                failedlogononly = @{ If = '$FailedLogonOnly'; Value = "'true'" }
            }
        }
    )
}
