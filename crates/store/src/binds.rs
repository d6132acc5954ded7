//! SQL built at run time with numbered `$n` placeholders, which both backends accept through
//! `sqlx::Any` (sqlx's `QueryBuilder<Any>` writes `?`, which PostgreSQL rejects).

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, Arguments, Encode, Executor, Type};

use crate::StoreError;

/// A statement being built: its text and its arguments.
#[derive(Default)]
pub(crate) struct Sql {
    text: String,
    args: AnyArguments<'static>,
    count: usize,
    /// The first value that could not be encoded.
    error: Option<String>,
}

impl Sql {
    /// A statement starting with `text`.
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// Appends text.
    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub(crate) fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Send + Encode<'static, Any> + Type<Any>,
    {
        self.count += 1;
        self.text.push('$');
        self.text.push_str(&self.count.to_string());
        if let Err(e) = self.args.add(value)
            && self.error.is_none()
        {
            self.error = Some(format!("argument {}: {e}", self.count));
        }
        self
    }

    /// Appends `v1, v2, …` bound to `values`.
    pub(crate) fn bind_list<T, I>(&mut self, values: I) -> &mut Self
    where
        T: 'static + Send + Encode<'static, Any> + Type<Any>,
        I: IntoIterator<Item = T>,
    {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v);
        }
        self
    }

    /// Appends `VALUES (…), (…)`, one tuple per item, filled by `row`.
    pub(crate) fn values<I, F>(&mut self, items: I, mut row: F) -> &mut Self
    where
        I: IntoIterator,
        F: FnMut(&mut Tuple<'_>, I::Item),
    {
        self.push(" VALUES ");
        for (i, item) in items.into_iter().enumerate() {
            self.push(if i > 0 { ", (" } else { "(" });
            row(
                &mut Tuple {
                    sql: self,
                    first: true,
                },
                item,
            );
            self.push(")");
        }
        self
    }

    /// Runs the statement; returns the rows affected.
    pub(crate) async fn execute<'e, E>(self, executor: E) -> Result<u64, StoreError>
    where
        E: Executor<'e, Database = Any>,
    {
        if let Some(e) = self.error {
            return Err(StoreError::Invalid(e));
        }
        let done = sqlx::query_with(&self.text, self.args)
            .execute(executor)
            .await?;
        Ok(done.rows_affected())
    }

    /// Runs the statement; returns its rows.
    pub(crate) async fn fetch_all<'e, E>(self, executor: E) -> Result<Vec<AnyRow>, StoreError>
    where
        E: Executor<'e, Database = Any>,
    {
        if let Some(e) = self.error {
            return Err(StoreError::Invalid(e));
        }
        Ok(sqlx::query_with(&self.text, self.args)
            .fetch_all(executor)
            .await?)
    }
}

/// One `( … )` tuple of [`Sql::values`].
pub(crate) struct Tuple<'a> {
    sql: &'a mut Sql,
    first: bool,
}

impl Tuple<'_> {
    /// Appends the next value of the tuple.
    pub(crate) fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Send + Encode<'static, Any> + Type<Any>,
    {
        if !std::mem::take(&mut self.first) {
            self.sql.push(", ");
        }
        self.sql.bind(value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Sql;

    #[test]
    fn placeholders_are_numbered() {
        let mut sql = Sql::new("INSERT INTO t (a, b)");
        sql.values([(1_i64, "x"), (2, "y")], |t, (a, b)| {
            t.bind(a).bind(b);
        });
        sql.push(" WHERE c IN (").bind_list(["p", "q"]).push(")");
        assert_eq!(
            sql.text,
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) WHERE c IN ($5, $6)"
        );
    }
}
