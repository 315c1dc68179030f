package crawler

// The DevTools event payloads the recorder reads, with only the fields it
// uses. They are decoded with encoding/json rather than cdproto's types,
// whose byte-slice fields expect base64 where the protocol sends text (a
// WebSocket text frame, for one).

type cdpCallFrame struct {
	FunctionName string `json:"functionName"`
	ScriptID     string `json:"scriptId"`
	URL          string `json:"url"`
	LineNumber   int    `json:"lineNumber"`
	ColumnNumber int    `json:"columnNumber"`
}

type cdpStack struct {
	CallFrames []cdpCallFrame `json:"callFrames"`
	Parent     *cdpStack      `json:"parent"`
}

type cdpInitiator struct {
	Type       string    `json:"type"`
	URL        string    `json:"url"`
	LineNumber float64   `json:"lineNumber"`
	Stack      *cdpStack `json:"stack"`
}

type cdpRequest struct {
	URL             string         `json:"url"`
	Method          string         `json:"method"`
	Headers         map[string]any `json:"headers"`
	HasPostData     bool           `json:"hasPostData"`
	PostData        string         `json:"postData"`
	PostDataEntries []struct {
		Bytes string `json:"bytes"`
	} `json:"postDataEntries"`
}

type cdpResponse struct {
	URL      string         `json:"url"`
	Status   int            `json:"status"`
	MimeType string         `json:"mimeType"`
	Headers  map[string]any `json:"headers"`
}

type evRequestWillBeSent struct {
	RequestID        string       `json:"requestId"`
	LoaderID         string       `json:"loaderId"`
	Request          cdpRequest   `json:"request"`
	WallTime         float64      `json:"wallTime"`
	Initiator        cdpInitiator `json:"initiator"`
	RedirectResponse *cdpResponse `json:"redirectResponse"`
	Type             string       `json:"type"`
	FrameID          string       `json:"frameId"`
}

type evResponseReceived struct {
	RequestID string      `json:"requestId"`
	Type      string      `json:"type"`
	Response  cdpResponse `json:"response"`
}

type evResponseExtra struct {
	RequestID  string         `json:"requestId"`
	Headers    map[string]any `json:"headers"`
	StatusCode int            `json:"statusCode"`
}

type evLoadingFailed struct {
	RequestID string `json:"requestId"`
	ErrorText string `json:"errorText"`
	Canceled  bool   `json:"canceled"`
}

type evRequestID struct {
	RequestID string `json:"requestId"`
}

type evWebSocketCreated struct {
	RequestID string        `json:"requestId"`
	URL       string        `json:"url"`
	Initiator *cdpInitiator `json:"initiator"`
}

type evWebSocketFrame struct {
	RequestID string  `json:"requestId"`
	Timestamp float64 `json:"timestamp"`
	Response  struct {
		Opcode      int    `json:"opcode"`
		PayloadData string `json:"payloadData"`
	} `json:"response"`
}

type evScriptParsed struct {
	ScriptID           string    `json:"scriptId"`
	URL                string    `json:"url"`
	StartLine          int       `json:"startLine"`
	EndLine            int       `json:"endLine"`
	ExecutionContextID int       `json:"executionContextId"`
	Hash               string    `json:"hash"`
	Length             int       `json:"length"`
	StackTrace         *cdpStack `json:"stackTrace"`
	AuxData            struct {
		FrameID string `json:"frameId"`
	} `json:"executionContextAuxData"`
}

type evFrameNavigated struct {
	Frame struct {
		ID       string `json:"id"`
		ParentID string `json:"parentId"`
		URL      string `json:"url"`
	} `json:"frame"`
}

type evFrameAttached struct {
	FrameID       string `json:"frameId"`
	ParentFrameID string `json:"parentFrameId"`
}

type evTargetInfo struct {
	TargetID         string `json:"targetId"`
	Type             string `json:"type"`
	URL              string `json:"url"`
	BrowserContextID string `json:"browserContextId"`
}

type evAttached struct {
	SessionID          string       `json:"sessionId"`
	TargetInfo         evTargetInfo `json:"targetInfo"`
	WaitingForDebugger bool         `json:"waitingForDebugger"`
}

type evTargetCreated struct {
	TargetInfo evTargetInfo `json:"targetInfo"`
}

type evBindingCalled struct {
	Name    string `json:"name"`
	Payload string `json:"payload"`
}

type evConsole struct {
	Type string `json:"type"`
	Args []struct {
		Type        string `json:"type"`
		Value       any    `json:"value"`
		Description string `json:"description"`
	} `json:"args"`
	StackTrace *cdpStack `json:"stackTrace"`
}

type evException struct {
	ExceptionDetails struct {
		Text      string `json:"text"`
		URL       string `json:"url"`
		Exception *struct {
			Description string `json:"description"`
		} `json:"exception"`
	} `json:"exceptionDetails"`
}

type evLifecycle struct {
	FrameID string `json:"frameId"`
	Name    string `json:"name"`
}

type evDialog struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

type evDownload struct {
	URL string `json:"url"`
}

type evRequestedNavigation struct {
	FrameID string `json:"frameId"`
	Reason  string `json:"reason"`
	URL     string `json:"url"`
}
