//! Errors as the API answers them: a status and a JSON body
//! `{"error": {"code", "message"}}` with a stable code.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered to a client.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code (`not_found`, `bad_request`, …).
    pub code: &'static str,
    /// For people.
    pub message: String,
}

impl ApiError {
    /// 400: the request's parameters are wrong.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404: nothing by that id or path.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500: the store failed.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// Any status and code.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }
}

impl From<dossier_store::Error> for ApiError {
    fn from(err: dossier_store::Error) -> Self {
        match err {
            dossier_store::Error::InvalidQuery { .. } => {
                Self::new(StatusCode::BAD_REQUEST, "invalid_query", err.to_string())
            }
            other => Self::internal(other.to_string()),
        }
    }
}

impl From<dossier_pipeline::PipelineError> for ApiError {
    fn from(err: dossier_pipeline::PipelineError) -> Self {
        Self::internal(err.to_string())
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}
