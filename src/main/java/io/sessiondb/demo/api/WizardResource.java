package io.sessiondb.demo.api;

import io.sessiondb.demo.Wizard;
import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The demo's CDI conversation: {@code POST /api/wizard} begins one and answers its {@code cid}; the next
 * requests pass it as {@code ?cid=}: {@code POST /api/wizard/steps} adds a step, {@code GET /api/wizard}
 * reads them.
 */
@Path("wizard")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class WizardResource {

    @Inject
    Conversation conversation;

    @Inject
    Wizard wizard;

    /**
     * Begins the conversation without touching the wizard: Weld writes the beans of a conversation begun in
     * a request into the session only when that request ends, after its response; later requests write
     * them as they change.
     */
    @POST
    public Response begin() {
        if (!conversation.isTransient()) {
            return Errors.of(Response.Status.CONFLICT, "wizard " + conversation.getId() + " has begun already");
        }
        conversation.begin();
        return Response.status(Response.Status.CREATED)
                .entity(toJson(conversation.getId(), List.of()))
                .build();
    }

    @GET
    public Response read() {
        if (conversation.isTransient()) {
            return noWizard();
        }
        return Response.ok(toJson(conversation.getId(), wizard.steps())).build();
    }

    @POST
    @Path("steps")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addStep(JsonValue requestBody) {
        if (conversation.isTransient()) {
            return noWizard();
        }
        JsonObject body = JsonBodies.object(requestBody);
        String step = body == null ? null : body.getString("step", null);
        if (step == null || step.isBlank()) {
            return Errors.of(Response.Status.BAD_REQUEST, "step is required: send {\"step\": \"address\"}");
        }
        if (step.length() > Wizard.MAX_STEP_LENGTH) {
            return Errors.of(
                    Response.Status.BAD_REQUEST, "step must be at most " + Wizard.MAX_STEP_LENGTH + " characters");
        }
        wizard.add(step.strip());
        return Response.ok(toJson(conversation.getId(), wizard.steps())).build();
    }

    private static Response noWizard() {
        return Errors.of(Response.Status.NOT_FOUND, "no wizard: begin one with POST /api/wizard and pass its cid");
    }

    private static JsonObject toJson(String cid, List<String> steps) {
        return JsonBodies.BUILDERS
                .createObjectBuilder()
                .add("cid", cid)
                .add("steps", JsonBodies.BUILDERS.createArrayBuilder(steps))
                .build();
    }
}
