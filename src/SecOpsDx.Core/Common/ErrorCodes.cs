namespace SecOpsDx.Core;

/// <summary>
/// Every reason Core gives for refusing a change. The Web layer holds one sentence per code and language
/// (Resources/ErrorText*.resx); a test walks this list through both languages, so a new code without its
/// translations fails the build's tests. Placeholders {0}, {1}, … take <see cref="DomainException.Args"/> in order.
/// </summary>
public static class ErrorCodes
{
    // Common to every feature.
    /// <summary>Someone else saved the record since the user loaded it.</summary>
    public const string Conflict = "conflict";
    public const string Invalid = "invalid";

    // Field checks ({0} = limit where one applies).
    public const string Required = "field.required";
    /// <summary>{0} = the limit, {1} = the length given.</summary>
    public const string TooLong = "field.too-long";
    public const string EmailInvalid = "field.email";
    public const string InFuture = "field.in-future";
    /// <summary>{0} = the earliest year accepted.</summary>
    public const string TooEarly = "field.too-early";
    /// <summary>{0} = the latest year accepted.</summary>
    public const string TooLate = "field.too-late";
    public const string Negative = "field.negative";
    /// <summary>{0} = the code given.</summary>
    public const string UnknownCode = "field.unknown-code";
    public const string UserNotFound = "field.user-not-found";
    /// <summary>{0} = the ticket number given.</summary>
    public const string TicketNotFound = "field.ticket-not-found";
    public const string SameTicket = "field.same-ticket";
    /// <summary>A date a person typed that cannot be read (checked where the text is parsed).</summary>
    public const string DateUnreadable = "field.date-unreadable";
    /// <summary>A date and time a person typed that cannot be read.</summary>
    public const string MomentUnreadable = "field.moment-unreadable";
    /// <summary>{0} = the values allowed.</summary>
    public const string OneOf = "field.one-of";
    /// <summary>{0} = the lowest, {1} = the highest whole number allowed.</summary>
    public const string WholeNumberRange = "field.whole-number-range";
    /// <summary>An API time without a date, a time or an offset.</summary>
    public const string IsoTimeExpected = "field.iso-time";
    /// <summary>{0} = the longest key accepted (printable ASCII).</summary>
    public const string IdempotencyKeyInvalid = "field.idempotency-key";
    /// <summary>An API body (or one of its values) that is not JSON of the expected type.</summary>
    public const string UnreadableJson = "field.unreadable-json";
    /// <summary>A file upload broke off before the whole file arrived.</summary>
    public const string UploadInterrupted = "field.upload-interrupted";

    // Organisation.
    public const string DepartmentNotFound = "department.not-found";
    /// <summary>{0} = the code.</summary>
    public const string DepartmentCodeTaken = "department.code-taken";
    public const string ParentNotFound = "department.parent-not-found";
    public const string ParentMustBeTop = "department.parent-must-be-top";
    public const string DepartmentHasSections = "department.has-sections";
    public const string StaffNotFound = "staff.not-found";
    /// <summary>{0} = the 職員番号.</summary>
    public const string EmployeeNumberTaken = "staff.number-taken";
    public const string RetiredBeforeHired = "staff.retired-before-hired";

    // Any file handed to an import, as text.
    /// <summary>{0} = the encoding found (UTF-16, UTF-32).</summary>
    public const string EncodingUnsupported = "file.encoding-unsupported";
    /// <summary>{0} = the encoding(s) tried, {1} = the line of the first byte that is not valid in it.</summary>
    public const string EncodingInvalidBytes = "file.encoding-invalid-bytes";
    /// <summary>The file is listed but cannot be opened (a link to a file that is gone, or deleted meanwhile).</summary>
    public const string FileMissing = "file.missing";
    /// <summary>The app's account may not read the file.</summary>
    public const string FileDenied = "file.denied";
    /// <summary>{0} = the system's explanation of the read error.</summary>
    public const string FileUnreadable = "file.unreadable";

    // Roster files as a whole (a row's problems are RosterErrorKind).
    public const string RosterEmpty = "roster.empty";
    /// <summary>{0} = the line where the quote opens.</summary>
    public const string RosterUnterminatedQuote = "roster.unterminated-quote";
    /// <summary>{0} = the header line, {1} and {2} = the two headers for one field.</summary>
    public const string RosterDuplicateColumn = "roster.duplicate-column";
    /// <summary>{0} = the missing columns' names, {1} = the header line.</summary>
    public const string RosterMissingColumns = "roster.missing-columns";

    // Sign-in accounts.
    public const string AccountNotFound = "account.not-found";
    public const string StaffHasAccount = "account.staff-has-account";
    public const string StaffHasNoEmail = "account.staff-no-email";
    /// <summary>{0} = the address.</summary>
    public const string AccountEmailTaken = "account.email-taken";
    public const string OwnAdminRole = "account.own-admin-role";
    public const string LastAdmin = "account.last-admin";
    public const string LockSelf = "account.lock-self";
    /// <summary>A directory-linked account has no local password: it is changed in the directory.</summary>
    public const string DirectoryAccountPassword = "account.directory-password";
    /// <summary>{0} = the roles not known.</summary>
    public const string UnknownRole = "account.unknown-role";
    /// <summary>{0} = Identity's own description, already in the user's language.</summary>
    public const string IdentityRefused = "account.identity-refused";

    // API tokens.
    public const string TokenNotFound = "token.not-found";
    /// <summary>{0} = the scopes not known, {1} = the scopes there are.</summary>
    public const string UnknownScope = "token.unknown-scope";

    // Incident tickets.
    public const string IncidentNotFound = "incident.not-found";
    public const string IncidentClosed = "incident.closed";
    /// <summary>{0} = the current <c>IncidentStatus</c>, {1} = the one asked for.</summary>
    public const string BadTransition = "incident.bad-transition";
    public const string TriageIncomplete = "incident.triage-incomplete";
    public const string NotHandling = "incident.not-handling";
    public const string ResolutionRequired = "incident.resolution-required";
    public const string RootCauseRequired = "incident.root-cause-required";
    public const string LessonsRequired = "incident.lessons-required";
    public const string ReasonRequired = "incident.reason-required";
    public const string NotAReport = "incident.not-a-report";
    public const string MergeSelf = "incident.merge-self";
    public const string MergeClosed = "incident.merge-closed";
    /// <summary>{0} = the reporting channels (names) still open.</summary>
    public const string ReportsOutstanding = "incident.reports-outstanding";
    public const string WaiverReasonRequired = "incident.waiver-reason-required";
    /// <summary>代替措置 is recorded for 本人通知 only.</summary>
    public const string AlternativeOnlyForNotice = "incident.alternative-only-for-notice";
    public const string AlternativeMeasureRequired = "incident.alternative-measure-required";
    public const string NoticeExceptionReasonRequired = "incident.notice-exception-reason-required";
    public const string NoticeMethodRequired = "incident.notice-method-required";
    public const string TaskNotFound = "incident.task-not-found";
    /// <summary>A follow-up needs words, a file, or both.</summary>
    public const string FollowUpEmpty = "incident.follow-up-empty";
    /// <summary>{0} = the limit in MB.</summary>
    public const string EvidenceTooLarge = "incident.evidence-too-large";

    // Directory sign-in
    public const string FindingNotFound = "directory.finding-not-found";
    /// <summary>Someone else already confirmed or dismissed the finding.</summary>
    public const string FindingResolved = "directory.finding-resolved";

    // Training and drills.
    public const string CourseNotFound = "training.course-not-found";
    /// <summary>The person is not among those who take the course.</summary>
    public const string NotAssigned = "training.not-assigned";
    public const string AlreadyCompleted = "training.already-completed";
    /// <summary>A completion dated before the course opened.</summary>
    public const string BeforeOpening = "training.before-opening";
    public const string DueBeforeOpening = "training.due-before-opening";
    /// <summary>{0} = the number of the question left unanswered.</summary>
    public const string QuizUnanswered = "training.quiz-unanswered";
    /// <summary>{0} = the number of the question the editor could not read.</summary>
    public const string QuizFormat = "training.quiz-format";
    /// <summary>A pass mark without questions, or questions without a pass mark.</summary>
    public const string QuizIncomplete = "training.quiz-incomplete";
    /// <summary>A manager acting for someone outside their department.</summary>
    public const string NotYourDepartment = "training.not-your-department";
    /// <summary>{0} = the 年度 copied from.</summary>
    public const string NothingToCopy = "training.nothing-to-copy";
    public const string NotOnRoster = "training.not-on-roster";
    public const string NobodyToAssign = "training.nobody-to-assign";
    /// <summary>{0} = the missing columns' names.</summary>
    public const string ImportMissingColumns = "training.import-missing-columns";
    public const string DrillNotFound = "drill.not-found";
    /// <summary>Only managers (for their department) and the CISO office record drill reports by hand.</summary>
    public const string DrillRecorderOnly = "drill.recorder-only";
    /// <summary>The person was not among the drill's recipients.</summary>
    public const string DrillNotRecipient = "drill.not-recipient";
    /// <summary>The person's report is already counted (the report button, or recorded by hand before).</summary>
    public const string DrillAlreadyReported = "drill.already-reported";
    /// <summary>A report dated before the drill's mails went out.</summary>
    public const string DrillReceivedBeforeHeld = "drill.received-before-held";
    /// <summary>The course was withdrawn (取り下げ): its records are kept read-only.</summary>
    public const string CourseRetired = "training.course-retired";
    public const string RecordNotFound = "training.record-not-found";
    /// <summary>Only a paper record (紙の受講票) can be withdrawn; a person's own confirmation or an import cannot.</summary>
    public const string NotPaperRecord = "training.not-paper-record";
    public const string RecordWithdrawn = "training.record-withdrawn";
    // Policy register.
    public const string PolicyNotFound = "policy.not-found";
    /// <summary>{0} = the day it was abolished.</summary>
    public const string PolicyAbolished = "policy.abolished";
    /// <summary>{0} = the 施行日 of the newest approved revision.</summary>
    public const string AbolishedBeforeEffective = "policy.abolished-before-effective";
    public const string RevisionNotFound = "policy.revision-not-found";
    /// <summary>An approved revision is kept as it was approved.</summary>
    public const string RevisionApproved = "policy.revision-approved";
    public const string RevisionNotDraft = "policy.revision-not-draft";
    public const string RevisionNotAwaiting = "policy.revision-not-awaiting";
    /// <summary>{0} = the number of the revision already open.</summary>
    public const string RevisionAlreadyOpen = "policy.revision-already-open";
    /// <summary>{0} = the previous revision's 施行日 (yyyy-MM-dd).</summary>
    public const string EffectiveBeforePrevious = "policy.effective-before-previous";
    public const string SelfApprovalForbidden = "policy.self-approval-forbidden";
    /// <summary>{0} = the name of the department that owns the document.</summary>
    public const string NotPolicyDrafter = "policy.not-drafter";
    /// <summary>Approving, sending back and abolishing are for the CISO office.</summary>
    public const string PolicyApproverOnly = "policy.approver-only";
    public const string CommentRequired = "policy.comment-required";
    public const string NotInForce = "policy.not-in-force";
    public const string NotInAudience = "policy.not-in-audience";
    public const string NoStaffRecord = "policy.no-staff-record";
    /// <summary>{0} = the line, {1} = the reader's explanation.</summary>
    public const string FrontMatterUnreadable = "policy.front-matter-unreadable";
    public const string FrontMatterMissing = "policy.front-matter-missing";
    /// <summary>{0} = the version in the file, {1} = the newest version held.</summary>
    public const string VersionNotRaised = "policy.version-not-raised";
    /// <summary>{0} = the version in the file, {1} = the newest version held.</summary>
    public const string VersionBehind = "policy.version-behind";
    /// <summary>{0} = the id, {1} = the other file that has it.</summary>
    public const string DuplicateId = "policy.duplicate-id";
    /// <summary>{0} = the folder.</summary>
    public const string PolicyFolderMissing = "policy.folder-missing";
    /// <summary>Which organs a document covers, and their publication, are recorded by the CISO office.</summary>
    public const string PublicationOfficeOnly = "policy.publication-office-only";
    /// <summary>{0} = the code given.</summary>
    public const string UnknownOrgan = "policy.unknown-organ";
    /// <summary>A publication was given for an organ the document does not cover.</summary>
    public const string PublicationNeedsCoverage = "policy.publication-needs-coverage";
    /// <summary>A place of publication that is an address other than http(s).</summary>
    public const string PublicationPlaceNotWeb = "policy.publication-place-not-web";
    // Three-layer separation controls.
    /// <summary>{0} = the id given.</summary>
    public const string ControlNotFound = "control.not-found";
    public const string ControlForbidden = "control.forbidden";
    public const string NotControlOwner = "control.not-owner";
    public const string OwnerCannotRecord = "control.owner-cannot-record";
    public const string SystemNotFound = "control.system-not-found";
    /// <summary>{0} = the system's name.</summary>
    public const string SystemOutsideControl = "control.system-outside";
    /// <summary>{0} = the file types accepted.</summary>
    public const string EvidenceTypeNotAllowed = "control.evidence-type";
    public const string ExpiryNotInFuture = "control.expiry-not-future";
    public const string CisoApprovesExceptions = "control.ciso-approves";
    /// <summary>{0} = the control id.</summary>
    public const string ExceptionNeedsUnmetControl = "control.exception-needs-unmet";
    public const string ControlExceptionNotFound = "control.exception-not-found";
    /// <summary>{0} = the 年度.</summary>
    public const string SelfCheckExists = "control.self-check-exists";
    public const string SelfCheckNotFound = "control.self-check-not-found";
    public const string SelfCheckClosed = "control.self-check-closed";
    /// <summary>{0} = the control id.</summary>
    public const string ControlNotInSelfCheck = "control.not-in-self-check";
    public const string CisoClosesSelfCheck = "control.ciso-closes-self-check";
    /// <summary>{0} = the control id: it left the catalogue, its record is kept read-only.</summary>
    public const string ControlRetired = "control.retired";
    // Self-check findings (指摘事項) and their correction.
    public const string SelfCheckFindingNotFound = "control.finding-not-found";
    /// <summary>Only a manager of the finding's owner department, or the CISO office, records its correction.</summary>
    public const string NotFindingOwner = "control.finding-not-owner";
    public const string FindingWithdrawn = "control.finding-withdrawn";
    public const string FindingAlreadyCorrected = "control.finding-corrected";
    /// <summary>The day of correction is before the finding was raised.</summary>
    public const string CorrectedBeforeRaised = "control.corrected-before-raised";

    /// <summary>Every code above, for the translation test and for tools.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
