use std::collections::BTreeSet;

use dossier_model::{Article, Component, ComponentError, Layer};

use crate::PipelineError;

/// An ordered list of per-article components whose order has been checked.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// Builds a pipeline, checking that each component's required layers are
    /// assigned by ingest or by a component before it.
    ///
    /// # Errors
    /// [`PipelineError::MissingLayer`] naming the first component out of order.
    pub fn new(components: Vec<Box<dyn Component>>) -> Result<Self, PipelineError> {
        let mut available: BTreeSet<Layer> = Layer::FROM_INGEST.iter().copied().collect();
        for component in &components {
            if let Some(layer) = component
                .requires()
                .iter()
                .find(|layer| !available.contains(layer))
            {
                return Err(PipelineError::MissingLayer {
                    component: component.name(),
                    layer: *layer,
                });
            }
            available.extend(component.assigns().iter().copied());
        }
        Ok(Self { components })
    }

    /// The components' names, in order.
    #[must_use]
    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Runs every component on one article, stopping at the first failure.
    ///
    /// # Errors
    /// The failing component's error.
    pub fn run(&self, article: &mut Article) -> Result<(), ComponentError> {
        for component in &self.components {
            component.process(article)?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("components", &self.component_names())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        requires: &'static [Layer],
        assigns: &'static [Layer],
    }

    impl Component for Fake {
        fn name(&self) -> &'static str {
            self.name
        }
        fn requires(&self) -> &'static [Layer] {
            self.requires
        }
        fn assigns(&self) -> &'static [Layer] {
            self.assigns
        }
        fn process(&self, _article: &mut Article) -> Result<(), ComponentError> {
            Ok(())
        }
    }

    fn sentences() -> Box<dyn Component> {
        Box::new(Fake {
            name: "sentences",
            requires: &[Layer::Text],
            assigns: &[Layer::Sentences],
        })
    }

    fn tokens() -> Box<dyn Component> {
        Box::new(Fake {
            name: "tokens",
            requires: &[Layer::Sentences],
            assigns: &[Layer::Tokens],
        })
    }

    #[test]
    fn accepts_a_valid_order() {
        let pipeline = Pipeline::new(vec![sentences(), tokens()]).unwrap();
        assert_eq!(pipeline.component_names(), ["sentences", "tokens"]);
    }

    #[test]
    fn rejects_a_component_before_its_requirement() {
        let err = Pipeline::new(vec![tokens(), sentences()]).unwrap_err();
        assert!(matches!(
            err,
            PipelineError::MissingLayer {
                component: "tokens",
                layer: Layer::Sentences
            }
        ));
        assert!(err.to_string().contains("requires layer `sentences`"));
    }
}
