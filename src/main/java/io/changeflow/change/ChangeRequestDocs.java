package io.changeflow.change;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents the body of {@code POST /api/changes} from the same {@link ChangeRequestSchema} that checks it: one
 * schema per category, told apart by {@code category}.
 */
@Component
class ChangeRequestDocs implements OpenApiCustomizer {

	private final ChangeRequestSchema schema;

	ChangeRequestDocs(ChangeRequestSchema schema) {
		this.schema = schema;
	}

	@Override
	public void customise(OpenAPI api) {
		var discriminator = new Discriminator().propertyName("category");
		var oneOf = new ComposedSchema();
		ChangeRequestSchema.START_FORMS.keySet().stream().sorted().forEach(category -> {
			String name = schemaName(category);
			api.getComponents().addSchemas(name, requestSchema(category));
			discriminator.mapping(category, "#/components/schemas/" + name);
			oneOf.addOneOfItem(new Schema<>().$ref("#/components/schemas/" + name));
		});
		oneOf.discriminator(discriminator);
		var post = api.getPaths().get("/api/changes").getPost();
		post.requestBody(new RequestBody().required(true)
			.description("A change request; the fields are those of the category's start form in Tasklist. The"
					+ " requester is the authenticated caller. Unknown fields are refused.")
			.content(new Content().addMediaType("application/json", new MediaType().schema(oneOf))));
	}

	private Schema<?> requestSchema(String category) {
		var request = new ObjectSchema();
		request.additionalProperties(false);
		request.addProperty("category", new StringSchema()._enum(List.of(category)));
		request.addRequiredItem("category");
		schema.fields(category).values().stream()
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.forEach(field -> {
				request.addProperty(field.name(), property(field));
				if (field.required()) {
					request.addRequiredItem(field.name());
				}
			});
		return request;
	}

	private static Schema<?> property(ChangeRequestSchema.Field field) {
		return switch (field.kind()) {
			case BOOLEAN -> new BooleanSchema();
			case NUMBER -> new NumberSchema();
			case CHOICE -> new StringSchema()._enum(field.options());
			case TEXT -> {
				var text = new StringSchema().maxLength(field.maxLength());
				yield (field.pattern() != null) ? text.pattern(field.pattern().pattern()) : text;
			}
		};
	}

	private static String schemaName(String category) {
		var name = new StringBuilder();
		for (String part : category.split("-")) {
			name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
		}
		return name + "ChangeRequest";
	}

}
