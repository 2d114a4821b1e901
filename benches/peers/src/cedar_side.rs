//! Cedar: eligibility as a `permit` policy over the request's context. Cedar has no
//! calendar arithmetic (its datetime extension adds fixed durations, not working days under
//! a holiday calendar), so it has no due-date workload.

use crate::data::{Mentee, PROFESSIONS};
use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request, RestrictedExpression,
};
use std::str::FromStr;

pub const POLICY: &str = r#"
permit (principal, action == Action::"take_part", resource)
when {
  context has profession && ["doctor", "dentist"].contains(context.profession) &&
  context has postgraduate_trainee && context.postgraduate_trainee &&
  context has out_of_training && context.out_of_training &&
  context has returning_to_training && context.returning_to_training
};
"#;

pub struct Cedar {
    authorizer: Authorizer,
    policies: PolicySet,
    entities: Entities,
    action: EntityUid,
    resource: EntityUid,
}

impl Cedar {
    pub fn new() -> Self {
        Cedar {
            authorizer: Authorizer::new(),
            policies: PolicySet::from_str(POLICY).unwrap(),
            entities: Entities::empty(),
            action: EntityUid::from_str(r#"Action::"take_part""#).unwrap(),
            resource: EntityUid::from_str(r#"Scheme::"supportt""#).unwrap(),
        }
    }

    fn request(&self, i: usize, context: Context) -> Request {
        let principal = EntityUid::from_str(&format!(r#"Mentee::"p{i}""#)).unwrap();
        Request::new(
            principal,
            self.action.clone(),
            self.resource.clone(),
            context,
            None,
        )
        .unwrap()
    }

    /// The request for a mentee, built from typed values.
    pub fn typed_request(&self, i: usize, m: &Mentee) -> Request {
        let mut pairs = Vec::new();
        if let Some(p) = m.profession {
            pairs.push((
                "profession".to_string(),
                RestrictedExpression::new_string(PROFESSIONS[p as usize].to_string()),
            ));
        }
        for (name, value) in [
            ("postgraduate_trainee", m.postgraduate_trainee),
            ("out_of_training", m.out_of_training),
            ("returning_to_training", m.returning_to_training),
        ] {
            if let Some(v) = value {
                pairs.push((name.to_string(), RestrictedExpression::new_bool(v)));
            }
        }
        self.request(i, Context::from_pairs(pairs).unwrap())
    }

    /// The request for a mentee whose facts are given as JSON.
    pub fn json_request(&self, i: usize, json: &str) -> Request {
        self.request(i, Context::from_json_str(json, None).unwrap())
    }

    pub fn eligible(&self, request: &Request) -> bool {
        self.authorizer
            .is_authorized(request, &self.policies, &self.entities)
            .decision()
            == Decision::Allow
    }
}
